from __future__ import annotations

import pytest

from services.pipeline.wire import WireInfo, canonical_agency, detect_wire, is_wire_original, opens_with_dateline


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("WASHINGTON (AP) \u2014 The White House said.", WireInfo("AP", "WASHINGTON")),
        ("WASHINGTON (AP)\u2014The White House said.", WireInfo("AP", "WASHINGTON")),
        ("LONDON (Reuters) - Britain said on Monday.", WireInfo("Reuters", "LONDON")),
        ("LONDON, April 7 (Reuters) - Britain said.", WireInfo("Reuters", "LONDON")),
        ("TOKYO, Monday, April 7 (Reuters) - Japan said.", WireInfo("Reuters", "TOKYO")),
        ("Paris (AFP) - France said.", WireInfo("AFP", "Paris")),
        ("Rio de Janeiro (AFP) \u2013 Brazil said.", WireInfo("AFP", "Rio de Janeiro")),
        ("BERLIN (dpa) - Germany said.", WireInfo("dpa", "BERLIN")),
        ("LONDON (PA) - Police said.", WireInfo("PA", "LONDON")),
        ("NEW YORK (Bloomberg) -- Stocks rose.", WireInfo("Bloomberg", "NEW YORK")),
        ("ROCKVILLE, Md. (AP) \u2014 A man said.", WireInfo("AP", "ROCKVILLE, Md.")),
        ("SAN JUAN, Puerto Rico (AP) \u2014 Storms.", WireInfo("AP", "SAN JUAN, Puerto Rico")),
        ("KYIV, Ukraine \u2014 Russia fired.", WireInfo(None, "KYIV, Ukraine")),
        ("NEW YORK \u2014 Stocks rose.", WireInfo(None, "NEW YORK")),
        ("The cabinet met on Monday.", WireInfo(None, None)),
        ("Hello world (AP) said nothing.", WireInfo(None, None)),
    ],
)
def test_datelines(body: str, expected: WireInfo) -> None:
    assert detect_wire(body) == expected


@pytest.mark.parametrize(
    ("body", "credits", "agency"),
    [
        ("Text.\n\n(Reporting by Jane Doe; Editing by John Roe)", "", "Reuters"),
        ("Text.\n\nCopyright 2025 The Associated Press. All rights reserved.", "", "AP"),
        ("Text.\n\n\u00a9 Agence France-Presse", "", "AFP"),
        ("Text.", "By Jane Doe, Associated Press", "AP"),
        ("Text.", "By Jane Doe | Bloomberg News", "Bloomberg"),
        ("Text.\n\nAssociated Press writer Jane Doe contributed to this report.", "", "AP"),
        ("The PA system failed. The CP rail line closed.", "", None),
    ],
)
def test_credits(body: str, credits: str, agency: str | None) -> None:
    assert detect_wire(body, credits=credits).wire_source == agency


def test_dateline_and_credit_combine() -> None:
    info = detect_wire("KYIV, Ukraine \u2014 Text.\n\n(Reporting by A; Editing by B)")
    assert info == WireInfo("Reuters", "KYIV, Ukraine")


def test_canonical_agency() -> None:
    assert canonical_agency("The Associated Press") == "AP"
    assert canonical_agency(" reuters ") == "Reuters"
    assert canonical_agency("Jane Doe") is None


def test_opens_with_dateline() -> None:
    assert opens_with_dateline("WASHINGTON (AP) \u2014 x")
    assert not opens_with_dateline("Washington is a city.")


@pytest.mark.parametrize(
    ("site_name", "url", "expected"),
    [
        ("Reuters", None, True),
        (" The Associated Press\u00a0", None, True),
        ("AP News", None, True),  # apnews.com's own site name
        ("APNEWS.COM", None, True),
        ("www.afp.com", None, True),
        ("Xinhua", None, True),
        (None, "https://apnews.com", True),
        (None, "HTTPS://www.Reuters.com:443/world/x", True),
        ("Daily Planet", "https://daily.example/reuters.com/", False),
        ("Reuters UK", "https://apnews.com.evil.example/x", False),
        (None, "https://apnews.com\n", False),  # ends at the end, not before a newline
        (None, "https://apnews.com:\u0664\u0664\u0663/x", False),  # ASCII digits only
        (None, "https://apnew\u017f.com/x", False),  # long s is not an s in a host
        (None, None, False),
        ("", "", False),
    ],
)
def test_is_wire_original(site_name: str | None, url: str | None, expected: bool) -> None:
    assert is_wire_original(site_name, url) is expected
