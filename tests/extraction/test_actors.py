"""People and organizations: names, short references, roles stated in apposition (facts.extraction.actors)."""

from facts.extraction import extract
from tests.extraction.helpers import organizations, paraphrases, people, quotes


def test_short_references_resolve_to_the_person_introduced_earlier(seeds):
    _, found = seeds["000"]
    flake = next(a for a in found.actors if a.name == "Gordon Flake")
    by_text = {m.span.exact: m.name for m in found.mentions}

    assert flake.aliases == ("Mr. Flake",)
    assert by_text["Mr. Flake"] == "Gordon Flake"
    assert by_text["Dr. Vollertsen"] == "Norbert Vollertsen"
    assert by_text["Ms. Newland"] == "Cathleen Newland"
    assert people(found) == {"Norbert Vollertsen", "Gordon Flake", "Cathleen Newland"}


def test_roles_stated_in_apposition_are_proposed_with_title_and_affiliation(seeds):
    _, found = seeds["000"]
    roles = {r.span.exact: (r.holder.name, r.title, r.affiliation) for r in found.roles}

    assert roles["executive director of the Mansfield Center for Pacific Affairs in Washington"] == (
        "Gordon Flake",
        "executive director",
        "Mansfield Center for Pacific Affairs",
    )
    assert roles["German doctor"] == ("Norbert Vollertsen", "doctor", None)
    assert roles["One outspoken activist"] == ("Norbert Vollertsen", "activist", None)
    assert roles["a director of the Migration Policy Institute in Washington"][:2] == ("Cathleen Newland", "director")
    _, found = seeds["001"]
    assert [(r.span.exact, r.holder.name, r.title) for r in found.roles] == [
        ("a South Korean missionary", "Chun Ki-won", "missionary")
    ]


def test_an_organization_named_after_its_description_and_the_group_it_leads(seeds):
    _, found = seeds["002"]
    roles = {r.span.exact: (r.holder.type, r.holder.name, r.title, r.affiliation) for r in found.roles}

    assert roles["A refugee aid group in Seoul"] == ("organization", "Good Friends", "refugee aid group", None)
    # “a coordinator for the group”: the group described just before.
    assert roles["a coordinator for the group"] == ("person", "Erica Kang", "coordinator", "Good Friends")


def test_a_name_described_as_a_group_after_it_is_an_organization():
    found = extract("Good Friends, a refugee aid group in Seoul, says the desperation is growing.")

    assert (people(found), organizations(found)) == (set(), {"Good Friends"})
    assert [(r.span.exact, r.holder.type, r.title) for r in found.roles] == [
        ("a refugee aid group in Seoul", "organization", "refugee aid group")
    ]
    assert paraphrases(found) == {"the desperation is growing": "Good Friends"}


def test_possessive_and_short_forms_of_an_organization_are_one_organization(seeds):
    _, found = seeds["002"]
    ministry = next(a for a in found.actors if a.name == "Chinese Foreign Ministry")

    assert set(ministry.aliases) == {"China's Foreign Ministry", "Foreign Ministry"}
    assert organizations(found) == {"Chinese Foreign Ministry", "Beijing's Security Bureau", "Good Friends"}


def test_an_embassy_is_an_organization_though_written_in_lowercase(seeds):
    _, found = seeds["000"]

    assert "U.S. embassy in Beijing" in organizations(found)
    assert "American mission" not in organizations(found)  # “Korean-American missionary”


def test_places_titles_and_sentence_starters_are_not_people():
    body = (
        "Sunee Chaiyarat, who runs a shelter in Samut Sakhon, said the raids continue. The High Commissioner, "
        "Filippo Grandi, said so too. Refugee Week begins on Monday."
    )
    found = extract(body)

    assert people(found) == {"Sunee Chaiyarat", "Filippo Grandi"}


def test_a_given_name_or_surname_on_second_reference_is_the_same_person():
    found = extract(
        "Police Colonel Somchai Wattana, a spokesman for the Immigration Bureau, spoke first. "
        'Somchai said the workers would be deported. "It is the law," Wattana said.'
    )

    assert people(found) == {"Somchai Wattana"}
    assert paraphrases(found)["the workers would be deported"] == "Somchai Wattana"
    assert quotes(found) == {"It is the law,": "Somchai Wattana"}
