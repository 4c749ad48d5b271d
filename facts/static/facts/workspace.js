// The article page's working surface (facts/admin/workspace.py): links each card with its
// highlights in the text, both ways, and turns a selection of the text into the add form of a
// claim, figure, mention or role with the selection's offsets.
//
// Offsets: Factbase counts Unicode code points (Python str indices); a JavaScript string counts
// UTF-16 code units, where a character beyond the Basic Multilingual Plane (an emoji) takes two.
// The text of #article-body is the article's body exactly (highlight.py writes nothing else), so
// a selection's position is measured in UTF-16 units within it, then converted to code points.
(function () {
  "use strict";

  const workspace = document.getElementById("workspace");
  if (!workspace) {
    return;
  }
  const body = document.getElementById("article-body");
  const tools = document.getElementById("selection-tools");
  const summary = tools.querySelector(".selection-summary");
  const articleId = workspace.dataset.article;

  function cardFor(key) {
    return document.getElementById("card-" + key);
  }

  function marksFor(key) {
    return body.querySelectorAll('mark[data-passage="' + CSS.escape(key) + '"]');
  }

  function setLinked(key, on) {
    const card = cardFor(key);
    if (card) {
      card.classList.toggle("is-linked", on);
    }
    marksFor(key).forEach(function (mark) {
      mark.classList.toggle("is-linked", on);
    });
  }

  function select(key) {
    document.querySelectorAll(".is-selected").forEach(function (element) {
      element.classList.remove("is-selected");
    });
    const card = cardFor(key);
    if (card) {
      card.classList.add("is-selected");
    }
    marksFor(key).forEach(function (mark) {
      mark.classList.add("is-selected");
    });
  }

  // Hovering a highlight or a card lights up both. The innermost mark under the pointer wins.
  let hovered = null;
  function hover(key) {
    if (hovered === key) {
      return;
    }
    if (hovered) {
      setLinked(hovered, false);
    }
    hovered = key;
    if (key) {
      setLinked(key, true);
    }
  }
  body.addEventListener("mouseover", function (event) {
    const mark = event.target.closest("mark[data-passage]");
    hover(mark ? mark.dataset.passage : null);
  });
  body.addEventListener("mouseleave", function () {
    hover(null);
  });
  const cards = document.querySelector(".workspace-cards");
  cards.addEventListener("mouseover", function (event) {
    const card = event.target.closest(".card[data-passage]");
    hover(card ? card.dataset.passage : null);
  });
  cards.addEventListener("mouseleave", function () {
    hover(null);
  });

  // Clicking a highlight shows its card; clicking a card (not one of its links or buttons) shows its text.
  body.addEventListener("click", function (event) {
    if (!window.getSelection().isCollapsed) {
      return; // the editor is selecting text, not pointing at a highlight
    }
    const mark = event.target.closest("mark[data-passage]");
    if (!mark) {
      return;
    }
    const key = mark.dataset.passage;
    select(key);
    const card = cardFor(key);
    if (card) {
      card.scrollIntoView({ block: "nearest" });
      card.focus({ preventScroll: true });
    }
  });
  cards.addEventListener("click", function (event) {
    if (event.target.closest("a, button")) {
      return;
    }
    const card = event.target.closest(".card[data-passage]");
    if (!card) {
      return;
    }
    const key = card.dataset.passage;
    select(key);
    const first = marksFor(key)[0];
    if (first) {
      first.scrollIntoView({ block: "center" });
    }
  });

  // A selection in the text: its offsets in the body, in code points.
  function utf16Offset(node, offset) {
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function codePoints(text) {
    return Array.from(text).length;
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (selection.isCollapsed || selection.rangeCount !== 1) {
      return null;
    }
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      return null;
    }
    const text = body.textContent;
    let start = utf16Offset(range.startContainer, range.startOffset);
    let end = utf16Offset(range.endContainer, range.endOffset);
    // A double-click or a drag often takes the space around the words: leave it out.
    while (start < end && /\s/.test(text[start])) {
      start += 1;
    }
    while (end > start && /\s/.test(text[end - 1])) {
      end -= 1;
    }
    if (start === end) {
      return null;
    }
    const exact = text.slice(start, end);
    const startCodePoint = codePoints(text.slice(0, start));
    return { exact: exact, start: startCodePoint, end: startCodePoint + codePoints(exact), rect: range.getBoundingClientRect() };
  }

  function showTools(span) {
    const shown = span.exact.length > 80 ? span.exact.slice(0, 77) + "…" : span.exact;
    summary.textContent = "Selected " + span.start + "–" + span.end + ": “" + shown + "”";
    tools.querySelectorAll("a.selection-record").forEach(function (link) {
      const url = new URL(workspace.dataset["add" + link.dataset.kind[0].toUpperCase() + link.dataset.kind.slice(1)], window.location.href);
      url.searchParams.set("article", articleId);
      url.searchParams.set("exact", span.exact);
      url.searchParams.set("start", String(span.start));
      link.href = url.pathname + url.search;
      link.textContent = "Record " + link.dataset.kind + " from this selection";
    });
    tools.hidden = false;
    const container = body.parentElement.getBoundingClientRect();
    tools.style.top = span.rect.bottom - container.top + 6 + "px";
    tools.style.left = Math.max(0, Math.min(span.rect.left - container.left, container.width - tools.offsetWidth)) + "px";
  }

  // Pressing a button of the toolbar must not clear the selection it was made for.
  tools.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });

  function onSelection() {
    const span = selectedSpan();
    if (span) {
      showTools(span);
    } else if (!tools.contains(document.activeElement)) {
      tools.hidden = true;
    }
  }
  body.addEventListener("mouseup", function () {
    window.setTimeout(onSelection, 0);
  });
  body.addEventListener("keyup", onSelection);
  document.addEventListener("selectionchange", function () {
    const selection = window.getSelection();
    if (selection.isCollapsed && !tools.contains(document.activeElement)) {
      tools.hidden = true;
    }
  });
})();
