"""The Allure report as a user sees it: opened offline in headless Chromium (issue 12 §2).

Run by `make rapport-test` on the report `make keten` generated: the scenarios are grouped per iteratie,
a scenario shows its steps with stap numbers, and its sequence diagram renders as an SVG with one arrow
per message of the keten-trace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from playwright.sync_api import Locator, Page

#: The scenario opened: iteratie 1's main path, stap 5 to 9.
SCENARIO = "vergunningplicht: de aanvraag komt compleet aan in het VTH-systeem"
STAP = re.compile(r"^Stap (\d+[a-z]?):")


def _open_alles(pagina: Page) -> None:
    """Expand every group of the tree (epics, then features) until no leaf is hidden."""
    pagina.get_by_test_id("tree-section-title").first.wait_for()
    dicht = pagina.locator("[data-testid=tree-section]:not(:has([data-testid=tree-arrow] svg[class*=opened]))")
    for _ in range(200):
        if not dicht.count():
            return
        dicht.first.get_by_test_id("tree-section-title").click()
    raise AssertionError("de boom van het rapport gaat niet open")


def _open_scenario(pagina: Page, titel: str) -> None:
    _open_alles(pagina)
    pagina.get_by_test_id("tree-leaf").filter(has_text=titel).first.click()
    pagina.get_by_test_id("test-result-info-title").wait_for()


def _bijlage(pagina: Page, naam: str) -> Locator:
    kop = pagina.get_by_test_id("test-result-attachment-header").filter(has_text=naam)
    kop.click()
    return pagina.get_by_test_id("test-result-attachment").filter(has=kop)


EPICS = ["Digikoppeling-conformiteit", "Iteratie 1", "Iteratie 2", "Iteratie 3"]


def test_scenarios_staan_per_iteratie(pagina: Page) -> None:
    pagina.get_by_test_id("tree-section-title").first.wait_for()
    epics = [t.inner_text().strip() for t in pagina.get_by_test_id("tree-section-title").all()]
    assert sorted(epics) == EPICS, epics
    totaal = int(pagina.get_by_test_id("metadata-item-total").get_by_test_id("metadata-value").inner_text())
    _open_alles(pagina)
    # every scenario sits under an iteratie: none falls outside the grouping
    assert pagina.get_by_test_id("tree-leaf").count() == totaal > 30


def test_scenario_toont_stappen_met_stapnummers(pagina: Page) -> None:
    _open_scenario(pagina, SCENARIO)
    assert SCENARIO in pagina.get_by_test_id("test-result-info-title").inner_text()
    assert pagina.get_by_test_id("test-result-status-passed").count() == 1
    root = pagina.get_by_test_id("test-result-steps-root")
    titels = [t.inner_text().strip() for t in root.get_by_test_id("test-result-step-title").all()]
    stappen = {m.group(1) for t in titels if (m := STAP.match(t))}
    assert {"5", "6", "7", "8a", "9"} <= stappen, titels
    assert all(STAP.match(t) for t in titels[:3]), titels
    # Voorbereiding and Afsluiten show what was prepared in Dutch, no plumbing, no unknown status
    tekst = pagina.get_by_test_id("test-result-setup-dropdown").locator("xpath=..").inner_text()
    assert "Keten opgebouwd" in tekst and "tmp_path_factory" not in tekst, tekst
    assert pagina.get_by_test_id("tree-leaf-status-unknown").count() == 0


def test_volgordediagram_is_getekend(pagina: Page, pytestconfig: pytest.Config) -> None:
    _open_scenario(pagina, SCENARIO)
    diagram = _bijlage(pagina, "Volgordediagram").locator("img")
    diagram.wait_for()
    pagina.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=diagram.element_handle())
    tekst = pagina.evaluate("src => fetch(src).then(r => r.text())", diagram.get_attribute("src"))
    svg = etree.fromstring(tekst.encode())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    pijlen = svg.xpath("//*[local-name()='g'][contains(concat(' ', @class, ' '), ' bericht ')]")
    volgnummers = [int(p.get("data-volgnummer")) for p in pijlen]
    tabel = _bijlage(pagina, "berichten tussen partijen").frame_locator("iframe").locator("tr:has(td)")
    tabel.first.wait_for()
    rijen = [int(r.locator("td").first.inner_text()) for r in tabel.all()]
    # one arrow per message of the keten-trace, in the same order
    assert volgnummers == rijen and len(rijen) > 10, (volgnummers, rijen)
    diagram.scroll_into_view_if_needed()
    schermafdruk = Path(pytestconfig.getoption("--schermafdruk"))
    schermafdruk.parent.mkdir(parents=True, exist_ok=True)
    pagina.screenshot(path=str(schermafdruk), full_page=True)
    assert schermafdruk.stat().st_size > 10_000


def test_de_link_in_het_register_opent_de_bevinding(
    pagina_op: Callable[[str], AbstractContextManager[Page]],
    bevinding_rapport: tuple[str, dict[str, Any]],
    bewaar: Callable[[Page | Locator, str], Path],
) -> None:
    """The workbook's Rapport link opens the failing scenario: failed, its stap-9 step red, the bundle attached,
    the diagram marking where the verzoek stopped."""
    basis, bevinding = bevinding_rapport
    assert bevinding["rapport"].startswith("ketentest-rapport.html#") and basis.startswith("file://")
    with pagina_op(basis + bevinding["rapport"]) as pagina:
        pagina.get_by_test_id("test-result-info-title").wait_for()
        assert pagina.get_by_test_id("test-result-info-title").inner_text() == bevinding["titel"]
        assert pagina.get_by_test_id("test-result-status-failed").count() == 1
        fout = pagina.get_by_test_id("test-result-error-message").first.inner_text()
        assert fout.startswith("[KB-ZAAK-ONVOLLEDIG]") and "chain_tests" not in fout  # the Dutch finding first
        tekst = pagina.get_by_test_id("test-result-steps-root").inner_text()
        assert "self = <" not in tekst and "Traceback" not in tekst and ".py:" not in tekst, tekst[-2000:]
        assert pagina.get_by_test_id("test-result-attachment-header").filter(has_text="Technische details").count()
        root = pagina.get_by_test_id("test-result-steps-root")
        rood = root.get_by_test_id("test-result-step").filter(has=pagina.get_by_test_id("tree-leaf-status-failed"))
        assert STAP.match(rood.first.get_by_test_id("test-result-step-title").first.inner_text()).group(1) == "9"
        assert pagina.get_by_test_id("test-result-attachment-header").filter(has_text="Bundel voor de leverancier")
        bewaar(pagina, "bevinding")  # the Dutch finding, opened from the register's link, from disk
        diagram = _bijlage(pagina, "Volgordediagram").locator("img")
        diagram.wait_for()
        tekst = pagina.evaluate("src => fetch(src).then(r => r.text())", diagram.get_attribute("src"))
        assert "hier gestopt: KB-ZAAK-ONVOLLEDIG" in tekst
        diagram.scroll_into_view_if_needed()
        bewaar(diagram, "volgordediagram")  # at the report's own width: the text as a beheerder reads it


def test_het_rapport_in_een_bestand_opent_van_schijf(
    pagina_op: Callable[[str], AbstractContextManager[Page]],
    rapportbestand: Path,
    bewaar: Callable[[Page | Locator, str], Path],
) -> None:
    """reports/ketentest-rapport.html opens from disk (as from a ticket attachment), whole: every scenario, and
    one opened with its steps; no request leaves the machine (open_pagina refuses and names any)."""
    with pagina_op(rapportbestand.as_uri()) as pagina:
        pagina.get_by_test_id("tree-section-title").first.wait_for()
        epics = [t.inner_text().strip() for t in pagina.get_by_test_id("tree-section-title").all()]
        assert sorted(epics) == EPICS, epics
        bewaar(pagina, "overzicht")  # opened from disk: the scenarios per iteratie
        _open_scenario(pagina, SCENARIO)
        titels = pagina.get_by_test_id("test-result-steps-root").get_by_test_id("test-result-step-title").all()
        assert any(STAP.match(t.inner_text().strip()) for t in titels)


#: English a beheerder saw in the report (Allure's own words, issue 25 §3)
ENGELS = ("Powered by", "Report", "Resolution", "something went wrong")


def test_het_rapport_spreekt_nederlands(pagina_op: Callable[[str], AbstractContextManager[Page]],
                                        rapportbestand: Path, rapport_url: str) -> None:  # fmt: skip
    """Allure's own words are Dutch in both reports: the footer says 'Gemaakt met', the page is lang=nl; none of
    the English words a beheerder saw is on the page (the product's name 'Allure Report' aside)."""
    for url in (rapportbestand.as_uri(), rapport_url):
        with pagina_op(url) as pagina:
            pagina.get_by_test_id("tree-section-title").first.wait_for()
            _open_scenario(pagina, SCENARIO)
            tekst = pagina.locator("body").inner_text().replace("Allure Report", "")  # the product's name stays
            woorden = set(re.findall(r"[A-Za-z]+(?: by)?", tekst))
            assert not woorden & set(ENGELS), (url, woorden & set(ENGELS))
            assert "Gemaakt met" in tekst and pagina.locator("html").get_attribute("lang") == "nl", url


def test_de_rapportbestanden_laden_niets_van_een_andere_host(rapport_map: Path, rapportbestand: Path) -> None:
    """No script, style, font or image is loaded from another host: cleaning the pages again finds nothing."""
    from chain_tests.reporting.opschonen import schoon

    for pad in (rapportbestand, rapport_map / "index.html"):
        html = pad.read_bytes()
        assert schoon(html) == html and b"googletagmanager" not in html, pad


def test_een_verwachte_weigering_is_een_geslaagde_stap(pagina: Page) -> None:
    """A passing scenario has no red step: the refusal it expected is a passed step with the refusal beside it."""
    _open_scenario(pagina, "verplichte bijlage ontbreekt: indienen geweigerd met een Nederlandse melding")
    assert pagina.get_by_test_id("test-result-status-passed").count() == 1
    root = pagina.get_by_test_id("test-result-steps-root")
    assert root.get_by_test_id("tree-leaf-status-failed").count() == 0
    assert root.get_by_test_id("tree-leaf-status-broken").count() == 0
    stap = root.get_by_test_id("test-result-step").filter(has_text="Stap 8b").first
    stap.get_by_test_id("test-result-step-header").first.click()
    assert "verwachte weigering" in stap.inner_text()


def test_elk_scenario_heeft_labels_en_een_volgordediagram(pytestconfig: pytest.Config) -> None:
    """Epic (iteratie), feature (voorziening), story (stap) and a sequence diagram on every scenario."""
    uitslagen = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in Path(pytestconfig.getoption("--resultaten")).glob("*-result.json")
    ]
    assert len(uitslagen) > 30
    for u in uitslagen:
        labels = {lab["name"] for lab in u["labels"]}
        assert {"epic", "feature", "story"} <= labels, (u["name"], labels)
        if _niets_uitgewisseld(u):  # a case that does not apply here (says so): no exchange, no diagram
            continue
        diagrammen = [a for a in u.get("attachments", []) if a["name"].startswith("Volgordediagram")]
        assert diagrammen and {a["type"] for a in diagrammen} == {"image/svg+xml"}, u["name"]


def _niets_uitgewisseld(u: dict[str, Any]) -> bool:
    bijlagen = [a["name"] for s in u.get("steps", []) for a in s.get("attachments", [])]
    return not u.get("attachments") and bool(bijlagen) and all(b.startswith("Niet gecontroleerd") for b in bijlagen)


def test_categorieen_zijn_nederlands_en_een_per_bevindingcode(
    bevinding_rapport: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    """The report's categories: 'Bevindingen' grouped by finding code (not one category per message, which carries
    the verzoeknummer), harness trouble apart; no English 'Product errors'."""
    import subprocess
    from urllib.parse import urlparse

    basis, bevinding = bevinding_rapport
    resultaten = Path(urlparse(basis).path) / "results"
    subprocess.run(
        ["npx", "--no-install", "allure", "generate", str(resultaten), "--config", "allurerc.mjs", "-o", str(tmp_path)],
        cwd=Path(__file__).resolve().parents[1], check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    boom = json.loads((tmp_path / "widgets" / "categories.json").read_text(encoding="utf-8"))
    wortels = [boom["nodes"][w]["name"] for w in boom["roots"]]
    assert wortels == ["Bevindingen"], wortels
    (groep,) = boom["nodes"][boom["roots"][0]]["childrenIds"]
    assert boom["nodes"][groep]["name"] == f"bevinding: {bevinding['code']}"
    assert "Product errors" not in json.dumps(boom)


def test_het_register_past_in_een_ticket(
    pagina_op: Callable[[str], AbstractContextManager[Page]],
    bevinding_rapport: tuple[str, dict[str, Any]],
    bewaar: Callable[[Page | Locator, str], Path],
) -> None:
    """bevindingen.xlsx as a beheerder sees it: omgeving, an Excel date, iteratie and stap, wat te doen, a status
    to choose, and a Rapport link into the single-file report beside it (drawn as a table for the docs)."""
    import datetime as dt
    from html import escape
    from urllib.parse import urlparse

    from openpyxl import load_workbook

    basis, bevinding = bevinding_rapport
    blad = load_workbook(Path(urlparse(basis).path) / "bevindingen.xlsx").active
    assert blad is not None
    koppen = [str(c.value) for c in blad[1]]
    assert {"Keten-omgeving", "Datum", "Iteratie", "Stap", "Wat te doen", "Status", "Rapport"} <= set(koppen), koppen
    rij = blad[2]
    waarde = dict(zip(koppen, (c.value for c in rij), strict=True))
    assert isinstance(waarde["Datum"], dt.datetime) and waarde["Status"] == "nieuw" and waarde["Wat te doen"]
    link = rij[koppen.index("Rapport")].hyperlink
    assert link is not None and link.target == bevinding["rapport"]
    px = [max(50, (blad.column_dimensions[c.column_letter].width or 10) * 4) for c in rij]
    breedtes = "".join(f'<col style="width:{b:.0f}px">' for b in px)
    cellen = "".join(f"<th>{escape(k)}</th>" for k in koppen)
    waarden = "".join(
        f"<td><u style='color:#06c'>{escape(str(c.value))}</u></td>" if c.hyperlink
        else f"<td>{escape(str(c.value if c.value is not None else ''))}</td>"
        for c in rij
    )  # fmt: skip
    with pagina_op("about:blank") as pagina:
        pagina.set_content(
            "<style>body{font:12px sans-serif} table{border-collapse:collapse;table-layout:fixed;width:"
            f"{sum(px):.0f}px}}"
            "td,th{border:1px solid #bbb;padding:3px;vertical-align:top;overflow-wrap:break-word;text-align:left}"
            f"th{{background:#eef}}</style><table>{breedtes}<tr>{cellen}</tr><tr>{waarden}</tr></table>"
        )
        bewaar(pagina.locator("table"), "register")
