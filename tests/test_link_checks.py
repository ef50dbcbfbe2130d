"""The link, image and anchor checks, on real fixture builds."""

from __future__ import annotations

import re

from conftest import stamped_pair

EN_GUIDE = """
# Guide

## Roles and duties {#roles}

## Työpaikkaohjaajan rooli

Who does what.
"""
FI_GUIDE = """
# Opas

## Roolit ja tehtävät {#roles}

## Työpaikkaohjaajan rooli

Kuka tekee mitä.
"""


def site_with_home(site, english_home: str, finnish_home: str, languages=("en", "fi")):
    site.config(languages=languages, nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    stamped_pair(site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE})
    stamped_pair(site, "index.md", english_home, {"fi": finnish_home})


def link_warnings(result) -> list[str]:
    return [w for w in result.warnings if w.startswith("links: ")]


def test_good_links_of_every_kind_pass(fixture_site):
    fixture_site.write("docs/en/images/plan.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    english = """
    # Home {#home}

    See [roles](guide.md#roles), [the instructor](guide.md#tyopaikkaohjaajan-rooli) and
    ![a plan](images/plan.svg). [Top](#home) of this page, [e-mail](mailto:team@example.org),
    [a site](https://example.org/path?q=1#x) and <https://example.org>.

    <a href="guide/#roles">raw HTML link</a> <img src="images/plan.svg" alt="plan">

    ```markdown
    [inside a code block](missing.md)
    ```

    Code span: `[not a link](missing.md)`. <!-- [commented out](missing.md) -->
    """
    # Raw HTML is relative to the built page: the Finnish home is /fi/, the shared image is at /images/.
    finnish = english.replace("# Home", "# Etusivu").replace("See ", "Katso ").replace(
        '<img src="images/', '<img src="../images/')
    site_with_home(fixture_site, english, finnish)
    result = fixture_site.build()
    assert result.warnings == []
    # The Finnish page borrows the English image (i18n fallback) and links to the Finnish guide.
    html = result.html("fi/index.html")
    assert 'href="guide/#roles"' in html
    assert 'src="../images/plan.svg"' in html


def test_broken_page_link_names_file_line_and_a_suggestion(fixture_site):
    english = "# Home\n\nIntro.\n\nRead [the guide](guid.md).\n"
    site_with_home(fixture_site, english, "# Etusivu\n\nJohdanto.\n\nLue [opas](guide.md).\n")
    result = fixture_site.build()
    assert result.aborted
    assert link_warnings(result) == [
        "links: docs/en/index.md:5: link 'guid.md' leads nowhere: docs/en/guid.md, docs/guid.md does not exist"
        " — correct the path (it is relative to this file); did you mean 'guide.md'?"
    ]


def test_broken_image_is_reported(fixture_site):
    english = "# Home\n\n![Workshop plan](images/plan.png)\n"
    site_with_home(fixture_site, english, "# Etusivu\n\n![Työpajan suunnitelma](images/plan.png)\n")
    result = fixture_site.build()
    assert link_warnings(result) == [
        "links: docs/en/index.md:3: link 'images/plan.png' leads nowhere: docs/en/images/plan.png,"
        " docs/images/plan.png does not exist — correct the path (it is relative to this file)",
        "links: docs/fi/index.md:7: link 'images/plan.png' leads nowhere: docs/fi/images/plan.png,"
        " docs/en/images/plan.png, docs/images/plan.png does not exist — correct the path (it is relative to this file)",
    ]


def test_missing_anchor_is_reported_with_the_ids_that_exist(fixture_site):
    english = "# Home\n\nSee [roles](guide.md#role).\n"
    site_with_home(fixture_site, english, "# Etusivu\n\nKatso [roolit](guide.md#roles).\n")
    result = fixture_site.build()
    assert link_warnings(result) == [
        "links: docs/en/index.md:3: anchor '#role' does not exist in docs/en/guide.md — did you mean #roles?"
        " Ids there: #guide, #roles, #tyopaikkaohjaajan-rooli;"
        " or give the heading that id: '## Heading {#role}'"
    ]


def test_anchor_must_use_the_rendered_slug_not_the_heading_text(fixture_site):
    english = "# Home\n\nSee [the instructor](guide.md#työpaikkaohjaajan-rooli).\n"
    site_with_home(fixture_site, english, "# Etusivu\n\nKatso [ohjaaja](guide.md#tyopaikkaohjaajan-rooli).\n")
    [warning] = link_warnings(fixture_site.build())
    assert warning.startswith("links: docs/en/index.md:3: anchor '#työpaikkaohjaajan-rooli' does not exist"
                              " in docs/en/guide.md — did you mean #tyopaikkaohjaajan-rooli?")


def test_raw_html_links_are_resolved_like_a_browser_does(fixture_site):
    english = """
    # Home

    <a href="guide.md">a Markdown file</a>
    <p><a href="guides/">a misspelt address</a>
    <img src="guide/missing.png" alt=""></p>
    <a href="guide/#nope">bad anchor</a>
    """
    site_with_home(fixture_site, english, "# Etusivu\n\n<a href=\"guide/#roles\">opas</a>\n")
    assert link_warnings(fixture_site.build()) == [
        "links: docs/en/index.md:3: raw HTML link 'guide.md' points to a Markdown file; MkDocs converts .md links"
        " only in Markdown, not in HTML — use a Markdown link [text](page.md), or write the built address,"
        " e.g. '../page/'",
        "links: docs/en/index.md:4: raw HTML link 'guides/' leads nowhere: the built site has no /guides/"
        " — HTML links are relative to the page's address /, not to its .md file; correct the path",
        "links: docs/en/index.md:5: raw HTML link 'guide/missing.png' leads nowhere: the built site has no"
        " /guide/missing.png — HTML links are relative to the page's address /, not to its .md file;"
        " correct the path",
        "links: docs/en/index.md:6: anchor '#nope' does not exist in docs/en/guide.md — Ids there: #guide,"
        " #roles, #tyopaikkaohjaajan-rooli; or give the heading that id: '## Heading {#nope}'",
    ]


def test_links_into_another_language_resolve_and_lead_there(fixture_site):
    english = "# Home\n\nIn Finnish: [opas](../fi/guide.md#roles).\n"
    finnish = "# Etusivu\n\nEnglanniksi: [guide](../en/guide.md#roles), hollanniksi [gids](../nl/guide.md).\n"
    fixture_site.config(languages=("en", "fi", "nl"), nav=[{"Home": "index.md"}, {"Guide": "guide.md"}])
    stamped_pair(fixture_site, "guide.md", EN_GUIDE, {"fi": FI_GUIDE, "nl": FI_GUIDE.replace("Opas", "Gids")})
    stamped_pair(fixture_site, "index.md", english, {"fi": finnish, "nl": "# Start\n\nWelkom.\n"})
    result = fixture_site.build()
    assert result.warnings == []
    assert 'href="fi/guide/#roles"' in result.html("index.html")
    finnish_html = result.html("fi/index.html")
    assert 'href="../guide/#roles"' in finnish_html
    assert 'href="../nl/guide/"' in finnish_html


def test_broken_anchor_in_another_language_is_reported(fixture_site):
    english = "# Home\n\nIn Finnish: [opas](../fi/guide.md#rooli).\n"
    site_with_home(fixture_site, english, "# Etusivu\n")
    assert link_warnings(fixture_site.build()) == [
        "links: docs/en/index.md:3: anchor '#rooli' does not exist in docs/fi/guide.md — did you mean #roles?"
        " Ids there: #opas, #roles, #tyopaikkaohjaajan-rooli; or give the heading that id: '## Heading {#rooli}'"
    ]


def test_external_links_are_checked_for_form_and_absolute_links_refused(fixture_site):
    english = """
    # Home

    [one](htps://example.org) [two](http:/example.org) [three](https://localhost.) [four](mailto:nobody)
    [five](/en/guide.md) [six]()
    """
    site_with_home(fixture_site, english, "# Etusivu\n")
    assert link_warnings(fixture_site.build()) == [
        "links: docs/en/index.md:3: external link 'htps://example.org' has an unknown scheme 'htps:'"
        " (did you mean 'https:'?) — write a full web address, such as https://example.org/page",
        "links: docs/en/index.md:3: external link 'http:/example.org' needs two slashes after 'http:'"
        " — write a full web address, such as https://example.org/page",
        "links: docs/en/index.md:3: external link 'https://localhost.' has no valid host name ('localhost.')"
        " — write a full web address, such as https://example.org/page",
        "links: docs/en/index.md:3: external link 'mailto:nobody' is not a valid e-mail address"
        " — write a full web address, such as https://example.org/page",
        "links: docs/en/index.md:4: link '/en/guide.md' starts with '/', so it breaks when the site is published"
        " in a sub-folder — write it relative to this file, for example 'guide.md' or '../images/photo.png'",
    ]


def test_rendered_ids_are_collected_from_explicit_attributes(fixture_site):
    english = "# Home\n\n## Next steps {#next}\n\n[Jump](#next) and [bad](#nxt).\n"
    site_with_home(fixture_site, english, "# Etusivu\n\n## Seuraavaksi {#next}\n\n[Hyppää](#next)\n")
    warnings = link_warnings(fixture_site.build())
    assert warnings == [
        "links: docs/en/index.md:5: anchor '#nxt' does not exist in docs/en/index.md — did you mean #next?"
        " Ids there: #home, #next; or give the heading that id: '## Heading {#nxt}'"
    ]
    assert re.search(r"docs/en/index\.md:5:", warnings[0])
