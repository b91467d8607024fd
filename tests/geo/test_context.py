"""Choosing among namesakes with the article's country and the text's containers.

Every sentence here was written for these tests.
"""

from __future__ import annotations


def named(mentions, text: str):
    """Return the mention whose text is `text`, or ends with it ("محيط قرى الزيارة")."""
    hits = [m for m in mentions if m.text == text or m.text.endswith(" " + text)]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


def test_ariha_in_a_report_on_syria_is_not_jericho(places):
    text = ("قالت مصادر إن الطيران قصف مدينة أريحا صباح اليوم، بينما بحث وزير فلسطيني "
            "في رام الله الأوضاع في سوريا.")
    _, ms = places(text)
    ariha = named(ms, "أريحا")
    assert ariha.entry.country_code == "SY" and ariha.entry.admin1 == "Idlib"
    _, ms = places("قال ناشطون سوريون في دمشق وحلب إن الطائرات الحربية قصفت مدينة أريحا.")
    assert named(ms, "أريحا").entry.country_code == "SY"


def test_jericho_in_a_report_on_the_west_bank(places):
    text = "اقتحمت القوات الإسرائيلية مدينة أريحا في الضفة الغربية بعد مداهمة في رام الله ونابلس."
    _, ms = places(text)
    assert named(ms, "أريحا").entry.country_code == "PS"


def test_a_namesake_abroad_is_not_taken_in_a_lebanese_report(places):
    text = ("شنت طائرات إسرائيلية غارات على قضاء مرجعيون وقضاء صور في جنوب لبنان. "
            "واستهدفت غارة منطقة الجرمق والمحمودية في محيط العيشية.")
    _, ms = places(text)
    assert all(m.entry is None or m.entry.country_code in ("LB", "IL") for m in ms), \
        [(m.text, m.entry.country_code) for m in ms if m.entry]


def test_a_container_after_the_name_rules_out_namesakes_elsewhere(places):
    text = ("استقبل وزير الخارجية المصري نظيره العراقي في القاهرة. "
            "وفي بغداد، انفجرت عبوة ناسفة في منطقة الحسينية، شمالي بغداد، ما أدى إلى مقتل شخصين.")
    _, ms = places(text)
    husseiniya = named(ms, "الحسينية")
    assert husseiniya.entry is None  # neither Egypt's nor Jordan's Husseiniya
    assert husseiniya.located is not None and husseiniya.located.admin1 == "Baghdad"


def test_list_items_share_the_governorate_of_their_resolved_items(places):
    text = "دارت اشتباكات عنيفة في محيط قرى الزيارة وتل واسط والمنصورة في سهل الغاب."
    _, ms = places(text)
    assert named(ms, "الزيارة").entry.admin1 == "Hama"
    mansoura = named(ms, "المنصورة")
    assert mansoura.entry is None or mansoura.entry.admin1 == "Hama"
    for m in ms:
        assert m.located is None or m.located.country_code == "SY", (m.text, m.located)
    wasit = named(ms, "تل واسط")
    assert wasit.located is None or wasit.located.admin1 == "Hama"


def test_a_name_without_namesakes_keeps_its_record_across_a_governorate_border(places):
    _, ms = places("اندلعت اشتباكات في مخيم اليرموك في ريف دمشق.")
    assert named(ms, "اليرموك").entry is not None


def test_a_compass_phrase_only_fixes_the_country(places):
    _, ms = places("قصفت الطائرات مدينة الزبداني (شمال غرب دمشق) صباح اليوم.")
    zabadani = named(ms, "الزبداني")
    assert zabadani.entry is not None and zabadani.entry.admin1 == "Rural Damascus"


def test_a_village_of_a_town_is_named_whole(places):
    _, ms = places("سقطت قذائف قرب مزرعة بيت جن في ريف دمشق الغربي.")
    assert all(m.located is None or m.located.country_code == "SY" for m in ms)
