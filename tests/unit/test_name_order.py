"""Names in the order people look them up: dictionary pinyin order, and 姓氏笔画 as official rosters
sort them (count, then 横竖撇点折 order, the same surname together, surnames read as surnames)."""
from rural_cadre_desktop.core.people import name_keys, name_pinyin
from rural_cadre_desktop.core.strokes import stroke_key


def by_pinyin(names):
    return sorted(names, key=name_pinyin)


def by_strokes(names):
    return sorted(names, key=stroke_key)


def test_pinyin_order_compares_whole_syllables_not_initials():
    # By initials first (the old order) 陈/崔/常/曹 interleave: c-c, c-m, c-q, c-c …
    names = ["陈明", "崔红", "常青", "曹操", "陈爱华", "崔安"]
    assert by_pinyin(names) == ["曹操", "常青", "陈爱华", "陈明", "崔安", "崔红"]


def test_surnames_are_read_as_surnames():
    names = ["曾国强", "单雄信", "仇英", "查良", "安心", "增加"]
    # 曾 zēng (not céng) sorts among z; 单 shàn among s; 仇 qiú among q; 查 zhā among z
    assert by_pinyin(names) == ["安心", "仇英", "单雄信", "增加", "曾国强", "查良"]


def test_one_surname_stays_together_among_homophones():
    names = ["陈伟", "沉默", "陈刚", "晨光"]
    order = by_pinyin(names)
    assert abs(order.index("陈伟") - order.index("陈刚")) == 1


def test_stroke_order_decides_within_one_count_and_keeps_a_surname_together():
    # 吕 and 乔 both have 6 strokes: 吕 starts with 竖 (2), 乔 with 撇 (3); the old key split 吕.
    names = ["吕国宏", "乔宇明", "吕伟建"]
    assert by_strokes(names) == ["吕伟建", "吕国宏", "乔宇明"]     # then 伟 (6) before 国 (8)


def test_fewer_strokes_first_then_the_first_stroke():
    # 王 4; 田 5; 李 7 (横 first) before 张 7 (折 first); 曾 12
    assert by_strokes(["曾一", "张三", "李四", "田五", "王六"]) == ["王六", "田五", "李四", "张三", "曾一"]


def test_two_surnames_with_the_same_strokes_do_not_interleave():
    names = ["田甲", "由乙", "田丙", "由丁"]
    order = by_strokes(names)
    assert {order[0][0], order[1][0]} == {order[0][0]} and {order[2][0], order[3][0]} == {order[2][0]}


def test_the_given_name_follows_the_same_rule():
    assert by_strokes(["王十", "王一", "王乙"]) == ["王一", "王乙", "王十"]   # 1 stroke 横 < 1 stroke 折 < 2


def test_a_character_without_order_data_sorts_by_its_count():
    rare = "𠀀"      # in Unihan's counts, not in the order data
    key = stroke_key(rare + "一")
    assert key[:2].isdigit()


def test_name_keys_gives_all_three_derived_columns():
    ini, strokes, pinyin = name_keys("张三")
    assert ini == "zs" and strokes == stroke_key("张三") and pinyin == name_pinyin("张三")
