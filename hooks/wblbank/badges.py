"""Open Badges: badge criteria as data, their criteria pages and their machine-readable definitions.

Each badge is one YAML file (with an SVG and a PNG image of the same name next
to it): a name and description, and competence objectives, each with its
assessment criteria and instructions for demonstrating the skill, in every
language. The criteria page of a badge is the page that holds its marker
``<!-- wbl:badge <id> -->``; after every language is built, each badge gets an
Open Badges 3.0 Achievement and an Open Badges 2.0 BadgeClass per language,
and the site gets one issuer profile.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from .data import TEXT, DataFile, load_folder, per_language, schema_problems
from .i18n import Languages, built_url, relative_url
from .instruments import ID
from .problems import Problem, display_path
from .strings import Strings
from .tree import DocsTree

OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
IMAGE_TYPES = (".svg", ".png")  # the images every badge has next to its data file
ACHIEVEMENT_TYPES = ("Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
                     "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion",
                     "Certification", "CommunityService", "Competency", "Course", "CoCurricular", "Degree",
                     "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
                     "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
                     "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential",
                     "ResearchDoctorate", "SecondarySchoolDiploma")  # the OB 3.0 enumeration


@dataclass(frozen=True)
class Objective:
    """One competence objective of a badge."""

    id: str
    title: dict[str, str]
    criteria: tuple[dict[str, str], ...]
    demonstrate: dict[str, str]


@dataclass(frozen=True)
class Badge:
    """One badge as read from its data file."""

    id: str
    shown: str
    name: dict[str, str]
    description: dict[str, str]
    achievement_type: str
    alignment: tuple[dict, ...]
    objectives: tuple[Objective, ...]
    images: dict[str, str]  # extension -> absolute path of the image file


@dataclass(frozen=True)
class Issuer:
    """Who issues the badges: the organisation behind the site."""

    name: str
    url: str
    email: str | None
    description: dict[str, str]


# The schema of one badge file for the site's languages.
def badge_schema(languages: Languages) -> dict:
    text = per_language(languages, TEXT)
    objective = {
        "type": "object",
        "properties": {"id": ID, "title": text,
                       "criteria": {"type": "array", "items": text, "minItems": 1},
                       "demonstrate": text},
        "required": ["id", "title", "criteria", "demonstrate"],
        "additionalProperties": False,
        "description": "id:, title:, criteria: (what the assessor looks for) and demonstrate: (how to show it)",
    }
    alignment = {
        "type": "object",
        "properties": {"name": TEXT, "url": {"type": "string", "pattern": r"^https?://\S+$"},
                       "framework": TEXT, "code": TEXT},
        "required": ["name", "url"],
        "additionalProperties": False,
        "description": "name: and url: of the framework entry, optionally framework: and code:",
    }
    return {
        "type": "object",
        "properties": {
            "name": text,
            "description": text,
            "achievement_type": {"enum": list(ACHIEVEMENT_TYPES)},
            "alignment": {"type": "array", "items": alignment},
            "objectives": {"type": "array", "items": objective, "minItems": 1},
        },
        "required": ["name", "description", "achievement_type", "objectives"],
        "additionalProperties": False,
        "description": "name:, description:, achievement_type:, objectives: and optionally alignment:",
    }


# The schema of the issuer file.
def issuer_schema(languages: Languages) -> dict:
    return {
        "type": "object",
        "properties": {"name": TEXT, "url": {"type": "string", "pattern": r"^https?://\S+$"},
                       "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+$"},
                       "description": per_language(languages, TEXT)},
        "required": ["name", "url", "description"],
        "additionalProperties": False,
        "description": "name:, url:, description: and optionally email:",
    }


# Read every badge file of a folder; each needs an SVG and a PNG image of the same name.
def read_badges(folder: str, root: str, languages: Languages) -> tuple[dict[str, Badge], list[Problem]]:
    badges: dict[str, Badge] = {}
    data_files, problems = load_folder(folder, root)
    for badge_id, data_file in data_files:
        shown, name = data_file.shown, os.path.basename(data_file.shown)
        found = schema_problems(data_file, badge_schema(languages))
        problems += [Problem(shown, line, what, fix) for line, what, fix in found]
        images = {extension: os.path.join(folder, badge_id + extension) for extension in IMAGE_TYPES}
        for extension, image in images.items():
            if not os.path.isfile(image):
                problems.append(Problem(shown, 1, f"the badge has no image {display_path(image, root)}",
                                        f"add the badge image as {badge_id}{extension} next to {name} "
                                        "(an SVG, and a PNG of at least 256×256 pixels made from it)"))
        if found or not all(os.path.isfile(image) for image in images.values()):
            continue
        data = data_file.data
        objectives = tuple(Objective(item["id"], item["title"], tuple(item["criteria"]), item["demonstrate"])
                           for item in data["objectives"])
        badges[badge_id] = Badge(badge_id, shown, data["name"], data["description"], data["achievement_type"],
                                 tuple(data.get("alignment") or ()), objectives, images)
    return badges, problems


# Read the issuer file.
def read_issuer(data_file: DataFile, languages: Languages) -> tuple[Issuer | None, list[Problem]]:
    found = schema_problems(data_file, issuer_schema(languages))
    problems = [Problem(data_file.shown, line, what, fix) for line, what, fix in found]
    if found:
        return None, problems
    data = data_file.data
    return Issuer(data["name"], data["url"], data.get("email"), data["description"]), problems


# The page (relative to a language folder) that holds a badge's marker in the default language.
def criteria_pages(tree: DocsTree, badge_ids) -> dict[str, str]:
    found: dict[str, str] = {}
    for page, path in sorted(tree.pages.get(tree.languages.default, {}).items()):
        source = tree.sources.get(path)
        if source is None:
            continue
        for badge_id in re.findall(r"^<!--\s*wbl:badge[ \t]+([\w-]+)\s*-->[ \t]*$", source.body, re.M):
            if badge_id in badge_ids:
                found.setdefault(badge_id, page)
    return found


@dataclass(frozen=True)
class BadgeFiles:
    """Where a site publishes its badge files: a folder of the built site and the site's address."""

    folder: str  # relative to the built site, e.g. openbadges
    site_url: str  # absolute, ending in /
    use_directory_urls: bool = True

    def path(self, name: str) -> str:
        return f"{self.folder}/{name}"

    def url(self, name: str) -> str:
        return self.site_url + self.path(name)


# The file names of one badge: definitions per language and version, and its images.
def achievement_name(badge_id: str, lang: str) -> str:
    return f"{badge_id}.{lang}.achievement.json"


def badge_class_name(badge_id: str, lang: str) -> str:
    return f"{badge_id}.{lang}.badgeclass.json"


ISSUER_NAME = "issuer.json"


# The absolute address of a page of one language.
def page_url(files: BadgeFiles, lang: str, page: str, languages: Languages) -> str:
    return files.site_url + built_url(lang, page, languages, use_directory_urls=files.use_directory_urls)


# The criteria of a badge in one language as Markdown: the narrative of its definitions.
def criteria_narrative(badge: Badge, lang: str, strings: Strings) -> str:
    parts = []
    for objective in badge.objectives:
        parts.append(f"## {objective.title[lang]}\n")
        parts.append(f"{strings.get('badge_criteria', lang)}:\n")
        parts += [f"- {criterion[lang]}" for criterion in objective.criteria]
        parts.append(f"\n{strings.get('badge_demonstrate', lang)}: {objective.demonstrate[lang]}\n")
    return "\n".join(parts).strip() + "\n"


# An Open Badges 3.0 Achievement of one badge in one language.
def achievement(badge: Badge, lang: str, *, languages: Languages, files: BadgeFiles, criteria_page: str,
                issuer: Issuer, strings: Strings) -> dict:
    document = {
        "@context": OB3_CONTEXT,
        "id": files.url(achievement_name(badge.id, lang)),
        "type": ["Achievement"],
        "name": badge.name[lang],
        "description": badge.description[lang],
        "criteria": {"id": page_url(files, lang, criteria_page, languages),
                     "narrative": criteria_narrative(badge, lang, strings)},
        "image": {"id": files.url(badge.id + ".png"), "type": "Image", "caption": badge.name[lang]},
        "achievementType": badge.achievement_type,
        "creator": {"id": files.url(ISSUER_NAME), "type": ["Profile"], "name": issuer.name, "url": issuer.url},
        "inLanguage": lang,
        "related": [{"id": files.url(achievement_name(badge.id, other)), "type": ["Related"], "inLanguage": other}
                    for other in languages.codes if other != lang],
    }
    if badge.alignment:
        document["alignment"] = [_ob3_alignment(item) for item in badge.alignment]
    return document


def _ob3_alignment(item: dict) -> dict:
    aligned = {"type": ["Alignment"], "targetName": item["name"], "targetUrl": item["url"]}
    if "framework" in item:
        aligned["targetFramework"] = item["framework"]
    if "code" in item:
        aligned["targetCode"] = item["code"]
    return aligned


# An Open Badges 2.0 BadgeClass of one badge in one language.
def badge_class(badge: Badge, lang: str, *, languages: Languages, files: BadgeFiles, criteria_page: str,
                strings: Strings) -> dict:
    document = {
        "@context": OB2_CONTEXT,
        "id": files.url(badge_class_name(badge.id, lang)),
        "type": "BadgeClass",
        "@language": lang,
        "name": badge.name[lang],
        "description": badge.description[lang],
        "image": files.url(badge.id + ".png"),
        "criteria": {"id": page_url(files, lang, criteria_page, languages),
                     "narrative": criteria_narrative(badge, lang, strings)},
        "issuer": files.url(ISSUER_NAME),
        "related": [{"id": files.url(badge_class_name(badge.id, other)), "@language": other}
                    for other in languages.codes if other != lang],
    }
    if badge.alignment:
        document["alignment"] = [_ob2_alignment(item) for item in badge.alignment]
    return document


def _ob2_alignment(item: dict) -> dict:
    aligned = {"targetName": item["name"], "targetUrl": item["url"]}
    if "framework" in item:
        aligned["targetFramework"] = item["framework"]
    if "code" in item:
        aligned["targetCode"] = item["code"]
    return aligned


# The Open Badges 2.0 issuer profile (in the default language).
def issuer_profile(issuer: Issuer, *, languages: Languages, files: BadgeFiles) -> dict:
    profile = {
        "@context": OB2_CONTEXT,
        "id": files.url(ISSUER_NAME),
        "type": "Profile",
        "@language": languages.default,
        "name": issuer.name,
        "url": issuer.url,
        "description": issuer.description[languages.default],
    }
    if issuer.email:
        profile["email"] = issuer.email
    return profile


# Every file the badges publish: path in the built site -> JSON document, or absolute path of an image.
def badge_outputs(badges: dict[str, Badge], pages: dict[str, str], issuer: Issuer, *, languages: Languages,
                  files: BadgeFiles, strings: Strings) -> dict[str, dict | str]:
    outputs: dict[str, dict | str] = {files.path(ISSUER_NAME): issuer_profile(issuer, languages=languages,
                                                                               files=files)}
    for badge_id, badge in sorted(badges.items()):
        if badge_id not in pages:
            continue
        for lang in languages.codes:
            common = dict(languages=languages, files=files, criteria_page=pages[badge_id], strings=strings)
            outputs[files.path(achievement_name(badge_id, lang))] = achievement(badge, lang, issuer=issuer, **common)
            outputs[files.path(badge_class_name(badge_id, lang))] = badge_class(badge, lang, **common)
        for extension, image in badge.images.items():
            outputs[files.path(badge_id + extension)] = image
    return outputs


# The criteria page content of a badge in one language, as HTML for the page at `from_page`.
def render_badge(badge: Badge, lang: str, strings: Strings, from_page: str, *, languages: Languages,
                 folder: str, use_directory_urls: bool) -> str:
    def s(key: str, **values) -> str:
        return html.escape(strings.get(f"badge_{key}", lang, **values))

    here = built_url(lang, from_page, languages, use_directory_urls=use_directory_urls)

    # The badge files live once, in a folder at the root of the built site.
    def link(name: str) -> str:
        return html.escape(relative_url(f"{folder}/{name}", here))

    out = ['<div class="wbl-badge">',
           f'<p class="wbl-badge-image"><img src="{link(badge.id + ".svg")}" width="160" height="160" '
           f'alt="{s("image_alt", name=badge.name[lang])}"></p>',
           f'<p class="wbl-badge-description">{html.escape(badge.description[lang])}</p>']
    for number, objective in enumerate(badge.objectives, start=1):
        out.append(f'<section class="wbl-objective" id="{objective.id}">')
        out.append(f'<h2 id="{objective.id}-title">{number}. {html.escape(objective.title[lang])}</h2>')
        out.append(f'<p class="wbl-objective-label">{s("criteria")}</p><ul>')
        out += [f"<li>{html.escape(criterion[lang])}</li>" for criterion in objective.criteria]
        out.append(f'</ul><p class="wbl-objective-label">{s("demonstrate")}</p>')
        out.append(f"<p>{html.escape(objective.demonstrate[lang])}</p></section>")
    out.append(f'<section class="wbl-badge-files" id="badge-files"><h2 id="badge-files-title">{s("files")}</h2>')
    out.append(f"<p>{s('files_intro')}</p><ul>")
    out.append(f'<li><a href="{link(achievement_name(badge.id, lang))}" type="application/ld+json">{s("ob3")}</a></li>')
    out.append(f'<li><a href="{link(badge_class_name(badge.id, lang))}" type="application/json">{s("ob2")}</a></li>')
    out.append(f'<li><a href="{link(ISSUER_NAME)}" type="application/json">{s("issuer")}</a></li>')
    out.append(f'<li><a href="{link(badge.id + ".svg")}">{s("image_svg")}</a> · '
               f'<a href="{link(badge.id + ".png")}">{s("image_png")}</a></li>')
    out += ["</ul></section>", "</div>"]
    return "\n".join(out)
