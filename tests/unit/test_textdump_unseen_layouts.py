"""Metadata on layouts the parser was not written from: general methods, each tested on
made-up lines, in more than one language where the method reads words."""

from __future__ import annotations

from services.pipeline.formats.textdump_meta import read_meta

STANDFIRST = ("The works start in spring and will add a second lane for cyclists along the whole "
              "length of the old crossing")
PROSE = ("The council voted on Monday to rebuild the bridge, which has been closed to "
         "traffic since a storm damaged its supports last winter.")


def test_a_caption_closed_by_its_photographers_credit_is_no_headline() -> None:
    """A sentence about a picture, then who took it, in any language: after the stop a
    credit word and a name ("… en el puerto.» Foto: Marta Gil", "사진=김민수 기자"), or
    the photographer's name alone after a sentence in sentence case."""
    from services.pipeline.formats.textdump_rules import is_credited_caption

    assert is_credited_caption("Vecinos esperan el autobús junto al muelle nuevo. «Llega tarde cada día.» "
                               "Foto: Marta Gil")
    assert is_credited_caption("Pendler warten am Morgen auf den verspäteten Zug in Oberau. Bild: Jonas Keller")
    assert is_credited_caption("시민들이 새 다리 위를 걸어가고 있다. 사진=김민수 기자")
    assert is_credited_caption("Workers lift the last steel span into place over the river on Tuesday. "
                               "Priya Raman")
    assert is_credited_caption("Le chantier du pont vu depuis la rive gauche, mardi matin. Hélène de Vaux")
    # (not a headline in title case, nor one without a name after its sentence)
    assert not is_credited_caption("Storm Hits Coast Towns Overnight. Mayor Responds")
    assert not is_credited_caption("Council approves new budget for the harbour after a long debate")
    assert not is_credited_caption("Workers lift the last span. 2,000 tonnes")

    headline = "Harbour bridge to reopen in May after two years of repairs"
    for caption in ("Workers lift the last steel span into place over the river on Tuesday. Priya Raman",
                    "Lavoratori sul cantiere del ponte, martedì mattina. «Finiremo a maggio.» Foto: Luca Ferri"):
        header = ["Eastbay Chronicle", "", "News", "", headline, "", STANDFIRST, "", caption, "",
                  "By Dana Whitcombe", "March 4, 2025"]
        assert read_meta(header).title == headline, caption
