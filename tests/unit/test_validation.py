"""Validators: 身份证号 (GB 11643), dates as spreadsheets write them, phones, code lists."""
import datetime as dt

import pytest
from hypothesis import given, strategies as st

from rural_cadre_desktop.core import codes
from rural_cadre_desktop.core.errors import ValidationError
from rural_cadre_desktop.core.validation import (check_id_agrees, id15_to_18, id_birth_date, id_check_char, id_sex,
                                                 mask, normalise_id_number, normalise_name,
                                                 normalise_phone, parse_bool, parse_code, parse_date,
                                                 parse_region_code)

VALID = "11010519491231002X"     # the standard's own example


def test_standard_example_check_character():
    assert id_check_char("11010519491231002") == "X"
    assert normalise_id_number(VALID) == VALID


def test_lowercase_x_fullwidth_and_spaces_are_cleaned():
    assert normalise_id_number(" １１０１０５１９４９１２３１００２ｘ ") == VALID
    assert normalise_id_number("110105 19491231 002x") == VALID


def test_fifteen_digit_numbers_become_eighteen():
    assert id15_to_18("110105491231002") == VALID
    assert normalise_id_number("110105491231002") == VALID


def test_sex_and_birth_derive_from_the_number():
    assert id_sex(VALID) == "2"
    assert id_birth_date(VALID) == "1949-12-31"


@pytest.mark.parametrize("bad", ["11010519491231002Y", "110105194912310021", "1101051949123100", "abc",
                                 "110105194902300028"])
def test_bad_numbers_are_refused_with_a_chinese_reason(bad):
    with pytest.raises(ValidationError) as e:
        normalise_id_number(bad)
    assert "身份证号" in e.value.zh and e.value.en


@pytest.mark.parametrize("cut", [6.11022198911053e+17, "6.11021E+17", "6.11022198911053E+17", "611022198911053000"])
def test_numbers_cut_by_excel_are_named_as_such(cut):
    with pytest.raises(ValidationError) as e:
        normalise_id_number(cut)
    assert "数字" in e.value.zh


digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)
birth = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31))


@given(area=st.text(alphabet="0123456789", min_size=6, max_size=6), born=birth,
       seq=st.integers(0, 999))
def test_property_every_correct_check_character_is_accepted(area, born, seq):
    s17 = area + born.strftime("%Y%m%d") + f"{seq:03d}"
    full = s17 + id_check_char(s17)
    assert normalise_id_number(full) == full
    assert id_birth_date(full) == born.isoformat()


@given(area=st.text(alphabet="0123456789", min_size=6, max_size=6), born=birth, seq=st.integers(0, 999),
       wrong=st.sampled_from("0123456789X"))
def test_property_every_wrong_check_character_is_refused(area, born, seq, wrong):
    s17 = area + born.strftime("%Y%m%d") + f"{seq:03d}"
    if wrong == id_check_char(s17):
        return
    with pytest.raises(ValidationError):
        normalise_id_number(s17 + wrong)


@given(area=st.text(alphabet="0123456789", min_size=6, max_size=6), born=birth, seq=st.integers(0, 999),
       pos=st.integers(0, 16), delta=st.integers(1, 9))
def test_property_a_single_mistyped_digit_is_caught(area, born, seq, pos, delta):
    s17 = area + born.strftime("%Y%m%d") + f"{seq:03d}"
    full = s17 + id_check_char(s17)
    typo = full[:pos] + str((int(full[pos]) + delta) % 10) + full[pos + 1:]
    with pytest.raises(ValidationError):
        normalise_id_number(typo)


def test_typed_sex_or_birth_must_agree():
    check_id_agrees(VALID, "2", "1949-12")
    with pytest.raises(ValidationError) as e:
        check_id_agrees(VALID, "1", None)
    assert e.value.field == "sex"
    with pytest.raises(ValidationError) as e:
        check_id_agrees(VALID, None, "1950-01-01")
    assert e.value.field == "birth_date"


@pytest.mark.parametrize("raw,expected", [
    ("1985.03", "1985-03"), ("1985年3月", "1985-03"), ("1985-3-5", "1985-03-05"), ("85.3", "1985-03"),
    ("1985/03/05", "1985-03-05"), ("1985年3月5日", "1985-03-05"), ("19850305", "1985-03-05"),
    (31107, "1985-03-01"), ("31107", "1985-03-01"), (1985.03, "1985-03"), (dt.date(1985, 3, 5), "1985-03-05"),
    (dt.datetime(1985, 3, 5, 0, 0), "1985-03-05"), ("２０２０．１", "2020-01"), ("", None), (None, None),
])
def test_dates_in_the_forms_spreadsheets_use(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["1985.13", "1985-02-30", "去年", 1985, "85.13.1"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(ValidationError) as e:
        parse_date(raw, "birth_date", "出生年月")
    assert "出生年月" in e.value.zh


@pytest.mark.parametrize("raw,expected", [("138 1234 5678", "13812345678"), ("138-1234-5678", "13812345678"),
                                          ("+86 13812345678", "13812345678"), ("0914-2345678", "0914-2345678"),
                                          ("010 12345678", "010-12345678"), ("", None)])
def test_phones(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "2381234567", "1381234567", "电话"])
def test_bad_phones_are_refused(raw):
    with pytest.raises(ValidationError) as e:
        normalise_phone(raw)
    assert "手机号" in e.value.zh


def test_code_lists_take_codes_names_and_short_forms():
    assert parse_code(codes.POLITICAL_STATUS, "党员") == "01"
    assert parse_code(codes.POLITICAL_STATUS, "中共预备党员") == "02"
    assert parse_code(codes.POLITICAL_STATUS, "团员") == "03"
    assert parse_code(codes.POLITICAL_STATUS, "13") == "13"
    assert parse_code(codes.ETHNICITY, "汉") == "01" and parse_code(codes.ETHNICITY, "土家族") == "15"
    assert parse_code(codes.EDUCATION, "大专") == "30" and parse_code(codes.EDUCATION, "本科") == "20"
    assert codes.ETHNICITY.name("56") == "基诺族" and len(codes.ETHNICITY.codes) == 58
    with pytest.raises(ValidationError):
        parse_code(codes.POLITICAL_STATUS, "好人")


def test_names_keep_rare_characters_and_refuse_digits():
    assert normalise_name(" 王䶮 ") == "王䶮"
    assert normalise_name("李𠇔") == "李𠇔"
    assert normalise_name("阿依古丽.买买提") == "阿依古丽·买买提"
    for bad in ["", "张3", "  "]:
        with pytest.raises(ValidationError):
            normalise_name(bad)


def test_yes_no_spellings():
    assert [parse_bool(x) for x in ["是", "√", "有", "否", "无", "", "×"]] == [True, True, True, False, False, None, False]
    with pytest.raises(ValidationError):
        parse_bool("也许")


def test_region_codes_and_masks():
    assert parse_region_code("611021100") == "611021100000"
    with pytest.raises(ValidationError):
        parse_region_code("61102")
    assert mask("611021198503051234", "id") == "6110**********1234"
    assert mask("13812345678", "phone") == "138****5678"


def test_masks_show_everything_only_when_revealed():
    assert mask("611021198503051234", "id", reveal=True) == "611021198503051234"
    assert mask("13812345678", "phone", reveal=True) == "13812345678"
    assert mask(None, "id", reveal=True) == "" and mask("", "phone", reveal=True) == ""
