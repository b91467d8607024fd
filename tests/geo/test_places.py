"""The marsad_places component on sentences written for these tests."""

from __future__ import annotations

from marsad.geo.component import places_of


def find(mentions, text: str):
    """Return the mention whose text is `text` (fails when there is none)."""
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


def test_clitics_are_split_and_offsets_point_into_the_original(places):
    text = "تجددت الاشتباكات في حلب وبحماة مساء أمس."
    doc, ms = places(text)
    aleppo, hama = find(ms, "حلب"), find(ms, "حماة")
    assert aleppo.entry.admin1 == "Aleppo" and aleppo.entry.level == "populated"
    assert hama.entry.admin1 == "Hama" and hama.geo_precision == 1
    assert text[hama.start:hama.end] == "حماة" and hama.start == text.index("بحماة") + 1


def test_countryside_with_direction_is_the_governorate_at_precision_2(places):
    _, ms = places("قصفت الطائرات الحربية مواقع بريف حلب الغربي صباح اليوم.")
    m = find(ms, "ريف حلب الغربي")
    assert m.relation == "western countryside of"
    assert m.geo_precision == 2
    assert m.area is not None and m.area.level == "admin1" and m.area.admin1 == "Aleppo"
    assert m.located is m.area


def test_combined_directions_and_the_countryside_of_form(places):
    _, ms = places("وقعت المعارك شمال غرب حلب، ثم امتدت إلى الريف الشمالي لحماة.")
    nw = find(ms, "شمال غرب حلب")
    assert nw.relation == "northwest of" and nw.geo_precision == 2 and nw.located.admin1 == "Aleppo"
    north = [m for m in ms if m.relation == "northern countryside of"]
    assert north and north[0].located.admin1 == "Hama" and north[0].located.level == "admin1"


def test_south_of_a_city_keeps_the_city(places):
    _, ms = places("سقطت قذائف جنوبي إدلب دون إصابات.")
    m = find(ms, "جنوبي إدلب")
    assert m.relation == "south of" and m.geo_precision == 2
    assert m.located.admin1 == "Idlib"


def test_governorate_noun_gives_admin1_and_city_noun_gives_the_city(places):
    _, ms = places("امتدت الاشتباكات إلى محافظة حماة بعد دخول الفصائل مدينة حمص.")
    gov, city = find(ms, "حماة"), find(ms, "حمص")
    assert gov.entry.level == "admin1" and gov.entry.name_en == "Hama" and gov.geo_precision == 3
    assert city.entry.level == "populated" and city.entry.admin1 == "Homs" and city.geo_precision == 1
    assert gov.trigger_word == "محافظة" and city.trigger_word == "مدينة"


def test_hamza_ta_marbuta_alif_maqsura_and_diacritics_fold(places):
    _, ms = places("زار الوفد ادلب ثم حماه ثم نوى، وعاد إلى دِمَشْقَ.")
    assert find(ms, "ادلب").located.admin1 == "Idlib"
    assert find(ms, "حماه").located.admin1 == "Hama"
    assert find(ms, "نوى").entry.admin1 == "Daraa"
    damascus = find(ms, "دِمَشْقَ")
    assert damascus.entry.name_en == "Damascus"


def test_compound_names_match_joined_and_apart(places, gazetteer):
    _, ms = places("تظاهر الأهالي في كفرنبل، كما خرجت مظاهرة في كفر نبل القديمة.")
    joined, apart = find(ms, "كفرنبل"), find(ms, "كفر نبل")
    assert joined.entry is not None and joined.entry.key == apart.entry.key
    assert joined.entry.admin1 == "Idlib"
    assert gazetteer.lookup("تل كلخ")[0].admin1 == gazetteer.lookup("تلكلخ")[0].admin1 == "Homs"


def test_a_name_in_two_governorates_follows_the_governorate_of_the_sentence(places):
    _, ms = places("قصفت قوات النظام بلدة صوران في ريف حلب الشمالي.")
    assert find(ms, "صوران").entry.admin1 == "Aleppo"
    _, ms = places("قصفت قوات النظام بلدة صوران في ريف حماة الشمالي.")
    assert find(ms, "صوران").entry.admin1 == "Hama"


def test_unknown_villages_in_a_list_fall_back_to_the_area(places, gazetteer):
    names = ["الزعرورة", "المقبلة", "تل الصنوبر", "كفر عويد"]
    assert all(not gazetteer.lookup(n) for n in names)
    text = "سيطرت الفصائل على قرى الزعرورة والمقبلة وتل الصنوبر وكفر عويد في ريف إدلب الجنوبي."
    _, ms = places(text)
    for name in names:
        m = find(ms, name)
        assert m.entry is None and m.geo_precision == 2
        assert m.area is not None and m.area.level == "admin1" and m.area.admin1 == "Idlib"


def test_an_unsplit_conjunction_stays_outside_the_name(places):
    text = "استهدفت المدفعية بلدات المقبلة وشرعايا في ريف حماة."
    _, ms = places(text)
    m = find(ms, "شرعايا")
    assert m.start == text.index("وشرعايا") + 1 and m.area.admin1 == "Hama"


def test_quoted_village_after_a_place_noun(places):
    _, ms = places("استعادت القوات قرية «المقبلة» بريف اللاذقية.")
    m = find(ms, "المقبلة")
    assert m.entry is None and m.area.admin1 == "Latakia"


def test_common_words_are_not_places_without_a_frame(places):
    _, ms = places("قال الوزير إن الحكومة فتحت الباب أمام الحوار، ووقعت ورقة تفاهم مع فرقة من المهندسين.")
    assert [m.text for m in ms] == []
    _, ms = places("دخلت القوات التركية مدينة الباب شمال سوريا.")
    bab = find(ms, "الباب")
    assert bab.entry.admin1 == "Aleppo"


def test_adjectives_and_anaphors_are_not_places(places):
    _, ms = places("أعلنت الحكومة السورية أن المدينة هادئة، وعاد السكان إلى البلدة.")
    assert [m.text for m in ms] == []


def test_person_names_are_not_places(places):
    _, ms = places("استقبل الرئيس بشار الأسد الوفد الزائر في القصر.")
    assert [m.text for m in ms] == []


def test_places_of_gives_output_records(nlp):
    doc = nlp("سيطرت الفصائل على قرى الزعرورة والمقبلة في ريف إدلب، ودخلت مدينة حماة.")
    out = places_of(doc)
    by_text = {p.text: p for p in out}
    village = by_text["الزعرورة"]
    assert village.name_ar == "الزعرورة" and village.geonames_id is None
    assert village.admin1 == "Idlib" and village.lat is not None
    hama = by_text["حماة"]
    assert hama.name_en and hama.admin1 == "Hama" and hama.country == "Syria" and hama.feature_code.startswith("PPL")
    assert 34.5 < hama.lat < 35.5 and 36.2 < hama.lon < 37.2
    for p in out:
        assert doc.text[p.start:p.end] == p.text


def test_country_names_and_press_short_forms(places):
    _, ms = places("بحث الوزير الأوضاع في سورية مع نظيره من السعودية، ثم سافر إلى تركيا.")
    assert find(ms, "سورية").entry.key == "country:SY"
    assert find(ms, "السعودية").entry.key == "country:SA"
    assert find(ms, "تركيا").entry.country == "Turkey"
    assert all(m.geo_precision == 3 for m in ms)


def test_an_unknown_head_before_a_town_name_is_one_place(places):
    _, ms = places("اندلعت اشتباكات في بلدة أشرفية صحنايا في ريف دمشق.")
    m = find(ms, "أشرفية صحنايا")
    assert m.entry is None and m.area.admin1 == "Rural Damascus"


def test_list_items_that_end_like_adjectives_are_still_names(places):
    _, ms = places("استعادت القوات قريتي نبع الوادي وعين الخضراء بريف حماة الشرقي.")
    assert find(ms, "نبع الوادي").area.admin1 == "Hama"
    assert find(ms, "عين الخضراء").area.admin1 == "Hama"


def test_an_adjective_after_a_place_noun_is_not_a_name(places):
    _, ms = places("قتل ثلاثة أشخاص في انفجار في بلدة تركية قرب الحدود، وسقط صاروخ على حي شعبي.")
    assert [m.text for m in ms] == []


def test_a_known_town_does_not_open_a_list_of_unknown_words(places):
    _, ms = places("تقدمت القوات نحو مدينة تدمر والاستعداد للهجوم مستمر.")
    assert [m.text for m in ms] == ["تدمر"]


def test_a_road_is_located_near_its_first_town_and_the_second_is_no_place(places):
    doc, found = places("قتل مدنيان بقصف على طريق حلب - دمشق الدولي أمس، ووصلت قافلة عن طريق تركيا.")
    road = next(m for m in found if m.relation == "road from")
    assert road.text == "طريق حلب - دمشق" and road.entry.name_en == "Aleppo" and road.geo_precision == 2
    assert not any(m.text == "دمشق" for m in found)  # the road's direction, not a place of the event
    assert next(m for m in found if m.text == "تركيا").relation is None  # "عن طريق": by way of


def test_a_place_named_on_the_road_is_where_the_event_was(places):
    _, found = places("استهدفت غارة سيارة على طريق حلب - اللاذقية قرب مدينة سراقب في ريف إدلب.")
    assert not any(m.relation == "road from" for m in found)
    assert any(m.entry is not None and m.entry.name_en == "Saraqib" for m in found)


def test_an_unknown_village_keeps_a_romanised_name_and_no_borrowed_id():
    import datetime as dt

    from marsad.annotations import ArticleRecord
    from marsad.pipeline import extract

    text = "قصفت قوات النظام أمس بالمدفعية قرية المعيصرة بريف حماة الشمالي، ما أدى إلى مقتل مدنيين."
    out = extract(ArticleRecord(id="t", text=text, published=dt.date(2024, 5, 3)))
    loc = next(e.location for e in out.events if e.location.text == "المعيصرة")
    assert loc.geonames_id is None and loc.admin1 == "Hama" and loc.geo_precision == 2
    assert loc.name_en and loc.name_en.lower().startswith("al-") and "Hama" not in loc.name_en


def test_named_regions_are_areas_at_precision_2(places):
    _, found = places("قصفت الطائرات بلدات الغوطة الشرقية، وتقدمت القوات في جبل الأكراد بريف اللاذقية.")
    got = {m.text: m for m in found}
    ghouta = got["الغوطة الشرقية"]
    assert ghouta.entry.feature_code == "RGN" and ghouta.entry.admin1 == "Rural Damascus"
    assert ghouta.geo_precision == 2
    assert got["جبل الأكراد"].entry.admin1 == "Latakia"


def test_a_village_named_in_a_region_takes_the_region_as_its_area(places):
    _, found = places("دارت اشتباكات عنيفة في قرية المعيصرة في سهل الغاب أمس.")
    village = next(m for m in found if m.text == "المعيصرة")
    assert village.entry is None and village.area is not None and village.area.key == "region:ghab-plain"


def test_a_known_town_behind_an_unsplit_conjunction_in_a_list(places):
    _, found = places("وصلت الصواريخ إلى داخل مدينتي اللاذقية وجبلة أمس.")
    jableh = next(m for m in found if m.text == "جبلة")
    assert jableh.entry is not None and jableh.entry.admin1 == "Latakia" and jableh.geo_precision == 1


def test_quarters_named_after_people(places):
    _, found = places("اندلعت اشتباكات في حي الشيخ مقصود بمدينة حلب، وقال الشيخ أحمد إن الوضع هادئ.")
    quarter = next(m for m in found if "مقصود" in m.text)
    assert quarter.text == "الشيخ مقصود" and quarter.located.name_en == "Aleppo"
    assert not any("أحمد" in m.text for m in found)  # a person outside a quarter's frame stays a person


def test_facilities_are_points_of_their_own(places):
    _, found = places("قصفت الطائرات محيط سد تشرين ومطار كويرس العسكري، وأفرج عن معتقلين من سجن صيدنايا، "
                      "وحكم على الناشط بالسجن خمس سنوات.")
    got = {m.text: m for m in found}
    assert got["محيط سد تشرين"].located.feature_code == "DAM" and got["محيط سد تشرين"].geo_precision == 2
    assert got["مطار كويرس العسكري"].entry.admin1 == "Aleppo" and got["مطار كويرس العسكري"].geo_precision == 1
    assert got["سجن صيدنايا"].entry.feature_code == "PRN"
    assert not any("السجن" in t for t in got)  # "a prison term" is no place


def test_checkpoints_and_squares_are_parts_of_their_town(places):
    _, found = places("قتل عنصران في هجوم على حاجز النسيم عند مدخل جرمانا، وتجمع المحتجون في ساحة الحجاز وسط دمشق.")
    got = {m.text: m for m in found}
    assert got["حاجز النسيم"].entry is None and got["حاجز النسيم"].located.name_en.startswith("Jaram")
    assert got["ساحة الحجاز"].located.name_en == "Damascus"


def test_a_relation_to_the_city_named_before_keeps_its_phrase(places):
    _, found = places("دخلت الفصائل مدينة حماة صباح اليوم. وانفجرت سيارة مفخخة عند مدخل المدينة الشمالي.")
    m = next(m for m in found if m.text == "مدخل المدينة الشمالي")
    assert m.relation == "northern entrance of" and m.located.name_en in ("Hama", "Ḩamāh") and m.geo_precision == 2


def test_an_anaphor_without_a_town_before_it_is_no_place(places):
    _, found = places("قال المتحدث إن الهدوء عاد إلى أطراف المدينة بعد أيام من التوتر.")
    assert not any("المدينة" in m.text for m in found)


def test_a_quarter_name_is_not_taken_abroad_on_its_own_say_so(places):
    text = ("قصفت قوات النظام حي التضامن جنوب دمشق. وقال ناشطون إن حي التضامن شهد نزوحا. "
            "وأضافوا أن حي التضامن محاصر منذ أشهر، وأن قوات النظام تتقدم في ريف دمشق.")
    _, found = places(text)
    assert not any(m.entry is not None and m.entry.country_code == "TN" for m in found)


def test_a_capital_speaking_for_its_government_locates_nothing(places):
    _, found = places("اتهمت دمشق قوات سوريا الديمقراطية بالتصعيد، وموسكو تحذر من الفوضى، "
                      "وقالت حكومة دمشق إن الوضع مستقر، فيما انفجرت عبوة في دمشق أمس.")
    flags = [(m.text, m.metonym) for m in found if m.entry is not None and m.entry.feature_code == "PPLC"
             or m.text == "موسكو"]
    assert flags == [("دمشق", True), ("موسكو", True), ("دمشق", True), ("دمشق", False)]


def test_a_metonym_is_no_event_place():
    import datetime as dt

    from marsad.annotations import ArticleRecord
    from marsad.pipeline import extract

    text = "قتل ثلاثة مدنيين بغارة جوية على بلدة سرمين أمس، وقالت دمشق إن الغارة استهدفت مسلحين."
    out = extract(ArticleRecord(id="t", text=text, published=dt.date(2025, 12, 23)))
    assert [e.location.text for e in out.events] == ["سرمين"]


def test_an_adjective_after_a_masculine_place_noun_is_no_village(places):
    _, found = places("قتل جنديان في هجوم على حاجز عسكري أمس قرب بلدة سرمين، وتظاهر السكان في مدينة سلمية.")
    assert not any("عسكري" in m.text for m in found)
    assert any(m.text == "سلمية" and m.entry is not None for m in found)  # a town shaped like a nisba stays
