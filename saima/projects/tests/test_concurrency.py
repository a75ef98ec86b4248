"""Concurrent editors of one project: exactly one write per version wins, the others get a
conflict, and no update is lost. Real concurrency needs PostgreSQL (SQLite serialises
writers, which the same test also survives)."""

import threading

import pytest
from django.db import close_old_connections, connection

from saima.audit.models import AuditEntry
from saima.core.errors import VersionConflict
from saima.projects import services
from saima.projects.models import Project

EDITORS = 8
pytestmark = pytest.mark.postgres


def _run_concurrently(target, n):
    barrier = threading.Barrier(n)
    results = [None] * n

    def work(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each editor got
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_editors_of_one_version_one_wins(world):
    pk, version = world.project.pk, world.project.version

    def edit(i):
        project = Project.objects.get(pk=pk)
        return services.update_project(
            project, {"location": f"地点{i}"}, world.county_admin, "api", expected_version=version
        )

    results = _run_concurrently(edit, EDITORS)
    winners = [r for r in results if isinstance(r, Project)]
    conflicts = [r for r in results if isinstance(r, VersionConflict)]
    assert len(winners) == 1, results
    assert len(conflicts) == EDITORS - 1, results
    project = Project.objects.get(pk=pk)
    assert project.version == version + 1
    assert project.location == winners[0].location
    assert AuditEntry.objects.filter(project_id=pk, action="update").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_editors_who_reread_lose_no_update(world):
    """Editors that retry on conflict with a fresh read all land, one after another."""
    pk = world.project.pk

    def edit(i):
        for _ in range(50):
            project = Project.objects.get(pk=pk)
            try:
                return services.update_project(
                    project,
                    {"content": f"{project.content}[{i}]"},
                    world.county_admin,
                    "api",
                    expected_version=project.version,
                )
            except VersionConflict:
                continue
        raise AssertionError("editor never got through")

    results = _run_concurrently(edit, EDITORS)
    assert all(isinstance(r, Project) for r in results), results
    content = Project.objects.get(pk=pk).content
    assert sorted(content.strip("[]").split("][")) == sorted(str(i) for i in range(EDITORS))
