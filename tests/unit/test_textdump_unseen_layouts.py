"""Metadata on layouts the parser was not written from: general methods, each tested on
made-up lines, in more than one language where the method reads words."""

from __future__ import annotations

from datetime import UTC, datetime

from services.pipeline.formats.textdump import parse
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


def test_a_standfirst_line_after_a_break_is_no_headline() -> None:
    """A standfirst whose last sentence stands on a line of its own after a break ("…
    only found after five months." / "Now the tenants want answers."), between the
    headline and the byline, is the standfirst still, not the headline."""
    lines = [
        'We care about your privacy',
        '',
        '   Eastbay Chronicle and our partners use cookies to give you a better',
        '   experience, measure traffic and show relevant advertising. You can',
        '   change your choices at any time under Cookie settings at the bottom.',
        '   (BUTTON) Accept all (BUTTON) Necessary only (BUTTON) Settings',
        '',
        '   Eastbay Chronicle News Sport Culture Opinion Health Motoring Chronicle TV',
        '   Chronicle Plus Log in Buy Plus',
        '',
        '   RIGHT NOW: Storm warning for the hills - trains cancelled',
        '',
        '   News',
        '',
        '   CHRONICLE REVEALS',
        '',
        '      Hundreds of tenants waited months for repairs to flooded flats',
        '',
        '   More than 300 households in the Eastbay district reported water',
        '   damage after the storm, and most of them are still waiting for help.',
        '   The fault was only found after five months.',
        '   Now the tenants want answers.',
        '',
        '   Dana Whitcombe Reporter dana.whitcombe@eastbay.example',
        '   Luis Ortega Reporter luis.ortega@eastbay.example',
        '',
        '   Published 14 Nov 2025 at 05.30',
        '   Updated 14 Nov 2025 at 08.12',
        '',
        '   Share on Facebook Share on X Copy link Save',
        '',
        '   It was an ordinary Tuesday in June when the letter from the housing office came.',
        '   Ingrid Berg, 44, opened it at the kitchen table.',
        '',
        '   - It said the flat would be repaired within two weeks. Nobody came, she says.',
        '',
        '   It would take almost two months before anyone visited. The damage had spread to',
        '   the walls by then, and the family had moved in with relatives across town.',
        '',
        '   Now the Chronicle can reveal that Ingrid Berg is one of at least 312 tenants',
        '   in the district who between April and September this year were told the',
        '   repairs had been booked when they had not.',
        '',
    ]
    assert parse("\n".join(lines)).title == "Hundreds of tenants waited months for repairs to flooded flats"


def test_a_site_named_with_its_own_address_in_brackets() -> None:
    """"© Site (www.site.example), …": the site's name without its own web address."""
    for line, site in (("\u00a9 Nordhavn Tidende (www.nordhavn-tidende.dk), all rights reserved", "Nordhavn Tidende"),
                       ("\u00a9 2025 Bayside Courier [baysidecourier.com]", "Bayside Courier")):
        header = ["Skip to content", "", "Harbour bridge to reopen in May after two years of repairs", "",
                  "By Dana Whitcombe", "March 4, 2025"]
        meta = read_meta(header, footer=[PROSE, "", line])
        assert meta.site_name == site, line


def test_a_byline_row_of_a_name_a_town_and_the_date_dates_the_story() -> None:
    """The writer's name and the town filed from, no byline's mark, then the weekday, the
    date and its time ("Marta Gil Ortega Villanueva del Río Martes, 4 de marzo 2025, 09:10")."""
    from services.pipeline.formats.textdump_lines import names_before_date

    assert names_before_date("Marta Gil Ortega Villanueva del Río Martes, 4 de marzo 2025, 09:10")
    assert names_before_date("Jonas Keller Oberau Dienstag, 4. März 2025, 09:10 Uhr")
    assert not names_before_date("Read more stories from 4 March 2025 here in the archive today")
    assert not names_before_date("Gil Ortega 4 de marzo 2025 y 5 de marzo 2025")
    headline = "La Junta adjudica la reforma del puente de Villanueva tras dos años de retraso"
    header = ["Diario del Valle", "", headline, "", "Las obras empezarán en primavera y durarán un año.", "",
              "Marta Gil Ortega Villanueva del Río Martes, 4 de marzo 2025, 09:10", "Actualizado 11:20h.", "",
              PROSE]
    assert read_meta(header).published_at == datetime(2025, 3, 4, 9, 10, tzinfo=UTC)


def test_a_media_houses_brand_is_its_name_without_the_house_words() -> None:
    """"© Site Media Group" (or "… मीडिया प्रा. लि.", "… میڈیا گروپ") with "Site" printed
    elsewhere on the page, a masthead or a photo credit: the site is "Site"; not where the
    page prints the holder's whole name again, nor where "Site" only opens longer names."""
    headline = "Harbour bridge to reopen in May after two years of repairs"
    cases = (
        (["Coastline Herald", "Home News Sport Business"], "\u00a9 2025 Coastline Herald Media Group",
         "Coastline Herald"),
        (["\u0928\u0917\u0930 \u0926\u0930\u094d\u092a\u0923 \u0906\u092a\u0915\u0940 \u0906\u0935\u093e\u091c"],
         ("\u00a9 2025 \u0928\u0917\u0930 \u0926\u0930\u094d\u092a\u0923 \u092e\u0940\u0921\u093f\u092f\u093e"
          " \u092a\u094d\u0930\u093e\u0907\u0935\u0947\u091f \u0932\u093f\u092e\u093f\u091f\u0947\u0921"),
         "\u0928\u0917\u0930 \u0926\u0930\u094d\u092a\u0923"),
        (["\u0634\u06c1\u0631 \u0646\u0627\u0645\u06c1"],
         ("\u00a9 2025 \u0634\u06c1\u0631 \u0646\u0627\u0645\u06c1"
          " \u0645\u06cc\u0688\u06cc\u0627 \u06af\u0631\u0648\u067e"),
         "\u0634\u06c1\u0631 \u0646\u0627\u0645\u06c1"),
        # (the whole name printed at the top too: the holder's name is the brand)
        (["Tideway Public Media", "Home News Arts"], "\u00a9 2025 Tideway Public Media", "Tideway Public Media"),
    )
    for top, notice, site in cases:
        header = [*top, "", headline, "", "By Dana Whitcombe", "March 4, 2025"]
        assert read_meta(header, footer=[PROSE, "", notice]).site_name == site, notice
    # ("Coastline" opening only longer names, a group's other titles: no brand of its own)
    header = ["  * Coastline Sport", "  * Coastline Money", "", headline, "", "By Dana Whitcombe", "March 4, 2025"]
    assert read_meta(header, footer=[PROSE, "", "\u00a9 2025 Coastline Media"]).site_name == "Coastline Media"


def test_a_byline_row_of_parts_names_and_dates_the_story() -> None:
    """A row cut by separators into the writer's name, the town (in any case), a desk,
    and the date, labelled or not, with no byline's mark: the name is the author, the
    date the story's, and the line above the standfirst over it the headline — not a
    photo's caption closer to the body."""
    from services.pipeline.formats.textdump_lines import name_in_dated_row

    assert name_in_dated_row("Priya Sethi | mumbai | Updated on: 19 November,2025 11:32 AM IST") == "Priya Sethi"
    assert name_in_dated_row("Kraków · Marek Nowak · 12.03.2025, 08:15") == "Marek Nowak"
    assert name_in_dated_row("Jonas Keller | Oberau | 4. März 2025") == "Jonas Keller"
    # (not a row of sentences or figures, nor one of two dates, nor one without a name)
    assert name_in_dated_row("Priya Sethi | 3 min read | 19 November 2025") is None
    assert name_in_dated_row("Priya Sethi | Published 19 November 2025 | Updated 20 November 2025") is None
    assert name_in_dated_row("The council met late. | 19 November 2025") is None
    assert name_in_dated_row("Home | news | 19 November 2025") is None
    assert name_in_dated_row("Metro Masala | 19 November 2025", "Metro Masala") is None

    headline = "Lead pair wrap the mountain schedule of their romantic comedy after 38 days"
    header = ["Metro Masala", "", "Home > Entertainment > Article", "", headline, "",
              "The comedy, shot in sub-zero temperatures, now moves to the plains for its final leg", "",
              "Priya Sethi | mumbai | Updated on: 19 November,2025 11:32 AM IST",
              "Whatsapp Facebook Twitter Linkedin Copy Link", "",
              "Lead pair on the sets. Pic/Instagram", "", PROSE]
    meta = read_meta(header)
    assert meta.title == headline
    assert meta.authors == ["Priya Sethi"]
    assert meta.published_at is not None and meta.published_at.date() == datetime(2025, 11, 19).date()


def test_a_day_first_date_whose_comma_touches_the_year() -> None:
    """"19 November,2025" as "November 19,2025" is read: the comma may touch the year."""
    from services.pipeline.formats.dates import find_date

    found = find_date("Updated on: 19 November,2025 11:32 AM IST")
    assert found is not None and (found.value.year, found.value.month, found.value.day, found.value.hour) \
        == (2025, 11, 19, 11)
    assert find_date("5 March,de 2024") is None


def test_a_trails_last_item_naming_the_pages_kind_is_no_section() -> None:
    """"Home > Entertainment > Article", "Inicio / Regional / Artículo": the last item
    names what the page is, the item before it the section."""
    headline = "Harbour bridge to reopen in May after two years of repairs"
    for trail, section in (("Home > Entertainment > Article", "Entertainment"),
                           ("Home / Regional / Story", "Regional"),
                           ("Inicio \u203a Econom\u00eda \u203a Art\u00edculo", "Econom\u00eda"),
                           ("Home > Stories", "Stories")):
        header = ["Eastbay Chronicle", "", trail, "", headline, "", "By Dana Whitcombe", "March 4, 2025"]
        assert read_meta(header).section == section, trail


def test_names_printed_in_capitals_are_given_as_a_reader_writes_them() -> None:
    """A sign-off of names in capitals, as Vietnamese papers print it ("NGỌC HÂN - MINH
    TUẤN"), gives "Ngọc Hân" and "Minh Tuấn"; an agency's initials stay as printed."""
    from services.pipeline.formats.textdump import _reader_cased

    assert _reader_cased("NG\u1eccC H\u00c2N") == "Ng\u1ecdc H\u00e2n"
    assert _reader_cased("JOHN F. KENNEDY") == "John F. Kennedy"
    assert _reader_cased("AFP") == "AFP"
    assert _reader_cased("Jane Doe") == "Jane Doe"
    paragraphs = (
        ("Năm 2021, UBND thành phố Hải Lam phê duyệt chủ trương đầu tư dự án cầu bộ hành qua kênh Bàu Sen"
         " với tổng mức đầu tư khoảng 18 tỷ đồng, dự kiến hoàn thành trong năm 2023."),
        ("Ông Trần Văn Khải, Chủ tịch UBND phường Tân Lộc, cho biết phường đã nhiều lần kiến nghị đẩy nhanh"
         " tiến độ dự án. Nguyên nhân chậm trễ chủ yếu là do vướng mặt bằng ở phía bờ nam."),
        ("Trao đổi với phóng viên, đại diện Ban Quản lý dự án cho biết hồ sơ điều chỉnh dự án đang được trình"
         " thẩm định. Nếu thuận lợi, dự án có thể khởi công vào quý II/2026."),
        ("Trong khi chờ đợi, nhiều người dân kiến nghị thành phố bố trí lực lượng hỗ trợ học sinh qua đường"
         " tại các nút giao gần cầu Rạch Đình vào giờ tan trường."),
    )
    lines = ["Đô Thị Sài Gòn", "", "Thời sự", "", "Cầu Rạch Đình đóng cửa ba tháng để sửa chữa", "",
             "\n\n".join(paragraphs), "", "NG\u1eccC H\u00c2N - MINH TU\u1ea4N", "", "", "Từ khóa:", "cầu bộ hành"]
    dump = "\n".join(lines)
    assert list(parse(dump).authors) == ["Ng\u1ecdc H\u00e2n", "Minh Tu\u1ea5n"]


def test_a_councils_or_a_parishs_post_after_a_name_is_a_role() -> None:
    """"By Helen Marchbanks, Town Clerk": the post of whoever writes a council's, a
    school's or a parish's own news is a credit, not a second author."""
    from services.pipeline.formats.textdump_rules import byline_names, is_role

    assert byline_names("By Helen Marchbanks, Town Clerk") == (["Helen Marchbanks"], ["Town Clerk"])
    assert byline_names("By Owen Pryce, Communications Coordinator") == (["Owen Pryce"], ["Communications Coordinator"])
    assert is_role("Parish Secretary")
    assert not is_role("Helen Marchbanks")


def test_an_agency_the_wire_table_does_not_know_is_read_by_its_head_word() -> None:
    """An agency credited alone under the standfirst, its initials after it ("Kuzey Haber
    Ajansı (KHA)"), or named head first ("Agencia Andaluza de Noticias"): the agency is
    the author; a line that only ends in "Press" is not taken alone."""
    from services.pipeline.formats.textdump_rules import is_agency_name

    assert is_agency_name("Kuzey Haber Ajans\u0131")
    assert is_agency_name("Agencia Andaluza de Noticias")
    assert is_agency_name("Prairie News Agency")
    assert not is_agency_name("Agencia")
    assert not is_agency_name("the travel agency")
    headline = "Kuzeyova'da fındık üreticisi fiyatlardan dertli"
    paragraphs = (
        ("Kuzeyova'nın yüksek kesimlerindeki köylerde geçimini fındıktan sağlayan üreticiler, bu yıl"
         " piyasada oluşan fiyatların maliyetleri karşılamadığını belirterek yetkililerden destek istedi."),
        ("Yeşiltepe köyünde 22 dönüm fındık bahçesi bulunan Hüseyin Karaosmanoğlu, hasadın bitmesine"
         " rağmen ürününün büyük bölümünü satmadığını söyledi."),
        ("Kuzeyova Ziraat Odası Başkanı Mehmet Ali Dursunoğlu da bu yıl bölgede rekolte düşüklüğü"
         " yaşandığını, buna rağmen fiyatların beklenen seviyeye çıkmadığını ifade etti."),
    )
    lines = ["Kuzeyova Haber", "", "Anasayfa » Ekonomi", "", headline,
             "Hasat sonrası fiyatların beklentinin altında kalması üreticileri zor durumda bıraktı.", "",
             "Kuzey Haber Ajans\u0131 (KHA)", "Yayınlanma: 19.11.2025 - 13:47", "", "\n\n".join(paragraphs)]
    dump = "\n".join(lines)
    assert list(parse(dump).authors) == ["Kuzey Haber Ajans\u0131"]


def test_the_section_opening_the_date_row_under_the_headline() -> None:
    """"News · 27 February 2025 · 5 min read" under the headline, "News" an item of the
    menu above (lynx's link numbers before both): the section; not a label the menu does
    not list."""
    headline = "Banksia Hall residents face a steep rent rise as the university blames costs"
    for menu, section in (("   * [2]News   * [3]Culture   * [4]Opinion", "News"),
                          ("   * [2]Campus   * [3]Culture   * [4]Opinion", None)):
        header = ["Gumleaf", "", menu, "", headline, "",
                  "   Some students say they will have to drop out of college altogether", "",
                  "   [10]News \u00b7 27 February 2025 \u00b7 5 min read", "", "   Words by [11]Aisha Farouk"]
        assert read_meta(header).section == section, menu


def test_a_bulleted_trail_of_lynx_links_opens_with_the_sites_address() -> None:
    """lynx numbers every link: the trail "* [13]Borowiec24" / "* [14]Samorząd" repeats the
    menu's "* [6]Samorząd" under another number, and opens with the masthead
    "[3]Borowiec24.pl" without its ending; the section is the trail's last item and the
    site the masthead as printed."""
    menu = ["   [3]Borowiec24.pl", "     * [4]Strona g\u0142\u00f3wna", "     * [5]Wiadomo\u015bci",
            "     * [6]Samorz\u0105d", "     * [7]Sport", ""]
    trail = ["     * [13]Borowiec24", "     * [14]Samorz\u0105d", ""]
    headline = "Kryta pływalnia przy Sportowej zamknięta na cały rok. Radni przyjęli plan modernizacji"
    meta = read_meta([*menu, *trail, headline, "", "   opublikowano: 12.03.2025, 14:37", ""])
    assert meta.section == "Samorz\u0105d"
    assert meta.site_name == "Borowiec24.pl"


def test_a_trails_last_item_that_opens_the_headline_is_the_headline_cut() -> None:
    """"Home > Church News > Bells appeal" over "Bells appeal reaches its target …", and a
    wrapped trail's item cut at the headline's colon: the section is the item before; a
    short item the menu lists ("Dare to Play" over "Dare to Play 3 / October pack") and a
    column's name before its colon ("People on the Move: …") are sections."""
    cases = (
        (["Home | From the Vicarage | Church News | Village News", "",
          "You are here: Home > Church News > Bells appeal", ""],
         "Bells appeal reaches its target and the ringers say thank you", "Church News"),
        (["Home \u00bb Newsroom \u00bb Member News \u00bb Board approves record capital credit retirement", ""],
         "Board approves record capital credit retirement: $1.2 million headed back to members", "Member News"),
        (["Home Games Dare to Play Contact", "", "Home > Games > Dare to Play", ""],
         "Dare to Play 3 / October pack for couples", "Dare to Play"),
        (["Home > News > People on the Move", ""],
         "People on the Move: Carver Health names a new chief nursing officer", "People on the Move"),
    )
    for top, headline, section in cases:
        header = ["Eastbay Chronicle", "", *top, headline, "", "By Dana Whitcombe", "March 4, 2025"]
        assert read_meta(header).section == section, headline


def test_a_kicker_of_several_words_that_the_menu_row_prints_whole() -> None:
    """A menu row whose items single spaces part ("News Banking & Financial Services
    Commercial Real Estate Health Care Technology") and the kicker "Commercial Real Estate"
    above the headline: the section is the whole name, not its last word; a trail drawn
    without separators ("News Local News", of a menu whose items two spaces part) still
    gives its last item."""
    headline = "Former cannery site sells for $38M as developer plans 420 apartments"
    for row, kicker, section in (
            ("News Banking & Financial Services Commercial Real Estate Health Care Technology",
             "Commercial Real Estate", "Commercial Real Estate"),
            ("Home  News  Local News  Sport  Weather", "News Local News", "Local News")):
        header = ["Cascade Basin Business Ledger", "Sign In Subscribe", row, "Manufacturing Lists People Events",
                  kicker, "", headline, "", "By Marcus Feld", "Feb 28, 2025"]
        assert read_meta(header).section == section, kicker


def test_an_authors_academic_title_is_left_out() -> None:
    """"Dr. Anjali Mehta-Rousseau", "Mgr. Jana Dvořáková": the name as a reader gives it;
    a title with one word after it ("Dr. Who") is left as printed."""
    from services.pipeline.formats.textdump import _untitled

    assert _untitled("Dr. Anjali Mehta-Rousseau") == "Anjali Mehta-Rousseau"
    assert _untitled("Mgr. Jana Dvo\u0159\u00e1kov\u00e1") == "Jana Dvo\u0159\u00e1kov\u00e1"
    assert _untitled("Dr. Who") == "Dr. Who"
    assert _untitled("Drew Barrymore") == "Drew Barrymore"
    headline = "Board approves the new school calendar after a month of consultation"
    lines = ["Northfield District School Board", "", "News / Board News", "", headline, "",
             "By Dr. Anjali Mehta-Rousseau", "March 4, 2025", "", PROSE, "",
             "Families will receive the calendar by email before the spring break, the board said.", "",
             "The consultation drew more than two thousand responses from parents and staff."]
    dump = "\n".join(lines)
    assert list(parse(dump).authors) == ["Anjali Mehta-Rousseau"]


def test_a_date_get_text_ran_into_the_line_the_body_opens_on() -> None:
    """BeautifulSoup's ``get_text()`` without a separator runs a page's elements into one
    line: the byline and its date ("Scott GordonPublished Nov 18, 2019 at 4:07 PM | …")
    stand on the line the body opens on, before it. The date is read from those pieces."""
    body = ("The suspect was convicted and sentenced to life in federal prison last Thursday, prosecutors said. "
            "A video released on Monday shows the moment officers found the girl in the back of a car on a motel "
            "lot. The girl was returned to her family the same night and is recovering at home, her mother said. "
            "Investigators said the arrest came after a clerk recognised the car from an alert sent to phones "
            "across the county. The police chief thanked the public for the tips that came in within hours.")
    line = ("HomeNewsLocalSportsWeatherWatch LiveSend Tips'We Got Her!': Video Shows Dramatic Rescue of Kidnapped "
            "GirlScott GordonPublished Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019 NEWSLETTERS "
            "Receive the latest local news in your inboxEmailPrivacy policy | More NewslettersLinkEmbedCopyClose "
            "Link to this video //CopyClose Embed this video More videos (1 of 9)" + body)
    lines = ["'We Got Her!': Video Shows Dramatic Rescue of Kidnapped Girl - NBC 5", "", line, "",
             "Privacy PolicyTerms of serviceContact Us\u00a9 2019 NBCUniversal Media"]
    published = parse("\n".join(lines)).published_at
    assert published is not None and (published.year, published.month, published.day) == (2019, 11, 18)
