from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saima.problems.choices import State
from saima.problems.models import Problem


def login(client, user):
    client.force_login(user)
    return client


def test_my_problems_shows_raised_assigned_and_escalated(world, client, raise_land, clock):
    problem = raise_land()
    page = login(client, world.secretary).get("/problems/").content.decode()
    assert "项目用地指标未落实" in page and "提出问题" in page
    page = login(client, world.officer).get("/problems/?mine=assigned").content.decode()
    assert "项目用地指标未落实" in page
    page = login(client, world.leader).get("/problems/?mine=escalated").content.decode()
    assert "项目用地指标未落实" not in page
    problem.level, problem.escalated_to = 2, world.leader
    problem.save()
    page = login(client, world.leader).get("/problems/?mine=escalated").content.decode()
    assert "项目用地指标未落实" in page


def test_the_secretary_raises_through_the_page_with_an_attachment(world, client, land, clock):
    login(client, world.secretary)
    assert client.get(f"/problems/raise/{world.project.pk}/").status_code == 200
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8fake", content_type="image/jpeg")
    response = client.post(
        f"/problems/raise/{world.project.pk}/",
        {
            "category": land.pk,
            "description": "征地补偿未到位",
            "assigned_unit": world.unit.pk,
            "files": [photo],
        },
    )
    problem = Problem.objects.get()
    assert response.status_code == 302 and problem.attachments.get().name == "现场.jpg"
    response = client.post(
        f"/problems/raise/{world.project.pk}/",
        {"category": land.pk, "description": "x", "deadline": "2022-01-01"},
    )
    assert "办理期限不能早于今天" in response.content.decode()
    assert Problem.objects.count() == 1


def test_others_cannot_raise_through_the_page(world, client):
    assert (
        login(client, world.viewer).get(f"/problems/raise/{world.project.pk}/").status_code == 403
    )
    assert (
        login(client, world.outsider).get(f"/problems/raise/{world.project.pk}/").status_code == 404
    )


def test_detail_shows_buttons_only_to_who_may_act(world, client, raise_land):
    problem = raise_land()
    url = f"/problems/{problem.pk}/"
    assert "办结</button>" in login(client, world.officer).get(url).content.decode()
    page = login(client, world.secretary).get(url).content.decode()
    assert "办结</button>" not in page and "升级</button>" in page
    assert "升级</button>" not in login(client, world.viewer).get(url).content.decode()
    assert login(client, world.outsider).get(url).status_code == 404


def test_actions_through_the_page(world, client, raise_land):
    problem = raise_land()
    url = f"/problems/{problem.pk}/act/"
    assert login(client, world.viewer).post(url + "resolve/", {"text": "x"}).status_code == 403
    response = login(client, world.officer).post(url + "resolve/", {"text": ""}, follow=True)
    assert "办结时请填写办理情况" in response.content.decode()
    client.post(url + "resolve/", {"text": "已协调自然资源局"})
    login(client, world.secretary).post(url + "confirm/")
    problem.refresh_from_db()
    assert problem.state == State.CONFIRMED


def test_the_region_board_counts_by_level_category_and_overdue(world, client, raise_land, clock):
    raise_land()
    clock.day = date(2022, 12, 1)
    from saima.problems.jobs import escalate_due

    escalate_due()
    response = login(client, world.dispatcher).get("/problems/board/220500/")
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "用地 1" in page
        and "第3级 1" in page
        and "按期办结" in page
    )
    assert (
        login(client, world.dispatcher).get("/problems/board/220500/?overdue=true").status_code
        == 200
    )
    assert login(client, world.outsider).get("/problems/board/220500/").status_code == 404
    htmx = client.get("/problems/board/220600/?level=3", HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "<html" not in htmx.content.decode()


@pytest.mark.parametrize("who", ["secretary", "officer", "leader", "dispatcher", "viewer"])
def test_every_persona_opens_the_problem_pages(world, client, raise_land, who):
    problem = raise_land()
    login(client, getattr(world, who))
    assert client.get("/problems/").status_code == 200
    assert client.get(f"/problems/{problem.pk}/").status_code == 200


def test_my_problems_opens_on_the_first_tab_that_holds_problems(world, client, raise_land, clock):
    raise_land()  # raised by the secretary, assigned to the officer's unit
    page = login(client, world.officer).get("/problems/")
    assert page.context["which"] == "assigned"
    assert "项目用地指标未落实" in page.content.decode()
    assert login(client, world.secretary).get("/problems/").context["which"] == "raised"
    assert login(client, world.viewer).get("/problems/").context["which"] == "raised"
