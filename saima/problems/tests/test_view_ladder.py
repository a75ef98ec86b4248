"""The escalation ladder page (/problems/ladder/<code>/) and its API read."""

import pytest
from django.urls import reverse

from saima.audit.models import AuditEntry, Source
from saima.problems.choices import Holder
from saima.problems.ladder_services import fingerprint, save_ladder
from saima.problems.models import EscalationLevel

DEFAULT = [
    ("1", Holder.UNIT_HEAD, "责任单位负责人", "", "5"),
    ("2", Holder.LEADER, "包保领导", "", "5"),
    ("3", Holder.PERSON, "书记区长", "", "10"),
]


def url(region, name="problem_ladder"):
    return reverse(name, kwargs={"code": region.code})


def post_data(rows, version, initial=None, delete=()):
    """The form as the page posts it: one block per row, `initial` of them read from the page
    (the rest are new), rows numbered in `delete` ticked for deletion."""
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows) if initial is None else initial),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "10",
        "version": version,
    }
    for i, (level, holder, title, person, days) in enumerate(rows):
        data.update(
            {
                f"form-{i}-level": level,
                f"form-{i}-holder": holder,
                f"form-{i}-title": title,
                f"form-{i}-person": person,
                f"form-{i}-working_days": days,
            }
        )
        if i + 1 in delete:
            data[f"form-{i}-DELETE"] = "on"
    return data


def own(region):
    return list(
        EscalationLevel.objects.filter(region=region)
        .order_by("level")
        .values_list("level", "title", "working_days")
    )


@pytest.fixture
def county_admin(client, world):
    client.force_login(world.county_admin)
    return client


def test_a_county_without_a_ladder_sees_the_default_filled_in(world, county_admin):
    response = county_admin.get(url(world.county))
    page = response.content.decode()
    assert response.status_code == 200
    assert "沿用系统默认规则" in page and "为东昌区单独设置升级规则" in page
    assert 'name="form-2-working_days" value="10"' in page
    assert f'name="version" value="{fingerprint(world.county)}"' in page
    assert "恢复沿用上级规则" not in page  # nothing of its own to drop


def test_it_shows_the_ladder_inherited_from_the_city(world, county_admin):
    save_ladder(world.city, [_row(1, 4)], world.dispatcher, Source.WEB)
    page = county_admin.get(url(world.county)).content.decode()
    assert "本区划未单独设置，沿用通化市的规则" in page
    assert 'name="form-0-working_days" value="4"' in page


def _row(level, days, holder=Holder.UNIT_HEAD, title="部门主管"):
    return {"level": level, "holder": holder, "title": title, "person": None, "working_days": days}


def test_saving_the_inherited_ladder_makes_it_the_county_own(world, county_admin):
    rows = [DEFAULT[0], ("2", Holder.LEADER, "包保领导", "", "7"), DEFAULT[2]]
    response = county_admin.post(url(world.county), post_data(rows, fingerprint(world.county)))
    assert response.status_code == 302 and response["Location"] == url(world.county)
    assert own(world.county) == [(1, "责任单位负责人", 5), (2, "包保领导", 7), (3, "书记区长", 10)]
    assert AuditEntry.objects.filter(model="problems.EscalationLevel").count() == 3
    page = county_admin.get(url(world.county)).content.decode()
    assert "已保存东昌区的升级规则" in page and "本区划单独设置" in page
    assert "恢复沿用上级规则" in page


def test_a_new_row_adds_a_level_a_blank_one_is_ignored_a_ticked_one_is_removed(world, county_admin):
    rows = [*DEFAULT, ("4", Holder.PERSON, "市长", "", "3"), ("", "", "", "", "")]
    data = post_data(rows, fingerprint(world.county), initial=3)
    assert county_admin.post(url(world.county), data).status_code == 302
    assert [level for level, *_ in own(world.county)] == [1, 2, 3, 4]
    rows = [*DEFAULT, ("4", Holder.PERSON, "市长", "", "3")]
    data = post_data(rows, fingerprint(world.county), delete={4})
    assert county_admin.post(url(world.county), data).status_code == 302
    assert [level for level, *_ in own(world.county)] == [1, 2, 3]


def test_a_named_person_is_chosen_from_the_region_people(world, county_admin):
    page = county_admin.get(url(world.county)).content.decode()
    assert f'<option value="{world.leader.pk}">' in page  # 通化市's leader, above
    assert f'<option value="{world.outsider.pk}">' not in page  # 白山市's viewer
    rows = [*DEFAULT[:2], ("3", Holder.PERSON, "书记区长", str(world.leader.pk), "10")]
    county_admin.post(url(world.county), post_data(rows, fingerprint(world.county)))
    assert EscalationLevel.objects.get(region=world.county, level=3).person == world.leader


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ("2", Holder.LEADER, "包保领导", "", "0"),
            "第2级“办理时限（工作日）”：应为1至250之间的整数",
        ),
        (("2", Holder.LEADER, "包保领导", "", "abc"), "第2行“办理时限（工作日）”："),
        (("2", Holder.LEADER, "", "", "5"), "第2级“称谓”：请填写称谓"),
        (("4", Holder.LEADER, "包保领导", "", "5"), "级别应从1起连续编号（1至3），缺少第2级"),
        (("1", Holder.LEADER, "包保领导", "", "5"), "第1级出现了2次"),
        (("2", Holder.LEADER, "包保领导", "999999", "5"), "第2行“指定人员”："),
    ],
)
def test_an_invalid_post_changes_nothing_and_names_level_and_field(
    world, county_admin, row, message
):
    save_ladder(
        world.county,
        [_row(1, 3), _row(2, 4, Holder.LEADER, "包保领导")],
        world.county_admin,
        Source.WEB,
    )
    before, entries = own(world.county), AuditEntry.objects.count()
    rows = [DEFAULT[0], row, DEFAULT[2]]
    response = county_admin.post(url(world.county), post_data(rows, fingerprint(world.county)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "未保存，请修正以下问题" in page and message in page, page
    assert own(world.county) == before and AuditEntry.objects.count() == entries
    # What was typed is shown again, to correct.
    assert f'name="form-1-working_days" value="{row[4]}"' in page


def test_the_fields_a_rule_names_are_marked(world, county_admin):
    rows = [DEFAULT[0], ("2", Holder.LEADER, "包保领导", "", "0"), DEFAULT[2]]
    page = county_admin.post(url(world.county), post_data(rows, "")).content.decode()
    assert (
        'name="form-1-working_days" value="0" min="1" inputmode="numeric" aria-invalid="true"'
        in page
    )
    assert page.count('aria-invalid="true"') == 1


def test_a_stale_form_answers_409_and_changes_nothing(world, county_admin):
    read = fingerprint(world.county)
    save_ladder(world.county, [_row(1, 3)], world.dispatcher, Source.WEB)
    response = county_admin.post(url(world.county), post_data(DEFAULT, read))
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert own(world.county) == [(1, "部门主管", 3)]
    response = county_admin.post(url(world.county, "problem_ladder_inherit"), {"version": read})
    assert response.status_code == 302 and own(world.county) == [(1, "部门主管", 3)]


def test_dropping_the_own_ladder_inherits_again(world, county_admin):
    save_ladder(world.city, [_row(1, 4)], world.dispatcher, Source.WEB)
    save_ladder(world.county, [_row(1, 3)], world.county_admin, Source.WEB)
    data = {"version": fingerprint(world.county)}
    response = county_admin.post(url(world.county, "problem_ladder_inherit"), data, follow=True)
    assert own(world.county) == []
    assert "已恢复沿用上级区划的升级规则" in response.content.decode()
    assert "沿用通化市的规则" in response.content.decode()


def test_readers_see_the_ladder_without_a_form(world, client):
    save_ladder(world.county, [_row(1, 3)], world.county_admin, Source.WEB)
    client.force_login(world.viewer)
    response = client.get(url(world.county))
    assert response.status_code == 200 and "部门主管" in response.content.decode()
    page = response.content.decode()
    assert "form-TOTAL_FORMS" not in page and "恢复沿用" not in page


@pytest.mark.parametrize("who", ["viewer", "secretary", "leader", "officer"])
def test_readers_may_not_post(world, client, who):
    client.force_login(getattr(world, who))
    assert client.post(url(world.county), post_data(DEFAULT, "")).status_code == 403
    save_ladder(world.county, [_row(1, 3)], world.county_admin, Source.WEB)
    data = {"version": fingerprint(world.county)}
    assert client.post(url(world.county, "problem_ladder_inherit"), data).status_code == 403
    assert own(world.county) == [(1, "部门主管", 3)]


@pytest.mark.parametrize("who", ["other_admin", "outsider"])
def test_people_of_other_regions_get_404(world, client, who):
    client.force_login(getattr(world, who))
    assert client.get(url(world.county)).status_code == 404
    assert client.post(url(world.county), post_data(DEFAULT, "")).status_code == 404
    assert not EscalationLevel.objects.exists()


def test_a_county_administrator_reads_but_may_not_edit_the_city_ladder(world, county_admin):
    assert county_admin.get(url(world.city)).status_code == 404  # the city is above its scope
    assert county_admin.post(url(world.city), post_data(DEFAULT, "")).status_code == 404


def test_the_board_and_the_region_page_link_to_it(world, county_admin, client):
    board = reverse("problem_board", kwargs={"code": world.county.code})
    overview = reverse("region_overview", kwargs={"code": world.county.code})
    link = f'href="{url(world.county)}"'
    page = county_admin.get(board).content.decode()
    assert link in page and "设置升级规则" in page
    assert link in county_admin.get(overview).content.decode()
    client.force_login(world.viewer)
    page = client.get(board).content.decode()
    assert link in page and "查看升级规则" in page
    assert link not in client.get(overview).content.decode()


def test_the_api_reads_the_ladder_in_force(world, client):
    client.force_login(world.county_admin)
    api = reverse("api-problem-ladder", kwargs={"code": world.county.code})
    body = client.get(api).json()
    assert body["is_default"] and not body["own"] and body["inherited_from"] is None
    assert [r["working_days"] for r in body["levels"]] == [5, 5, 10]
    assert [r["total_working_days"] for r in body["levels"]] == [5, 10, 20]
    save_ladder(world.city, [_row(1, 4)], world.dispatcher, Source.WEB)
    body = client.get(api).json()
    assert body["inherited_from"] == "220500" and not body["is_default"]
    assert body["levels"] == [
        {
            "level": 1,
            "holder": "unit_head",
            "holder_display": "责任单位负责人",
            "title": "部门主管",
            "person": None,
            "working_days": 4,
            "total_working_days": 4,
        }
    ]
    client.force_login(world.outsider)
    assert client.get(api).status_code == 404


def test_the_admin_site_shows_ladders_but_edits_them_only_on_their_page(world, client):
    client.force_login(world.admin)
    assert client.get(reverse("admin:problems_escalationlevel_changelist")).status_code == 200
    response = client.post(
        reverse("admin:problems_escalationlevel_add"),
        {"region": world.county.code, "level": "1", "holder": Holder.LEADER, "title": "x",
         "working_days": "5"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not EscalationLevel.objects.exists()
