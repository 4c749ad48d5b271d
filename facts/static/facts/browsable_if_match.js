// The browsable API's forms send through jQuery.ajax: every request of a record's page carries
// the record's ETag as If-Match (the API refuses a change or delete without it). An external
// script, not an inline one, so the Content-Security-Policy allows it.
(function () {
  var tag = document.getElementById("factbase_etag");
  if (tag !== null) {
    $.ajaxSetup({headers: {"If-Match": JSON.parse(tag.textContent)}});
  }
})();
