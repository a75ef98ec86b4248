"""Time and query count of each page and API read of the load mix, one request at a time
(the cost of a request without queueing), on a database filled by bench/scale.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saima_bench python bench/pages.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saima.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from saima.accounts.models import User  # noqa: E402
from saima.projects.models import Project  # noqa: E402

YEAR = time.localtime().tm_year - 1


def main() -> None:
    pk = Project.objects.filter(region_id="220502").values_list("id", flat=True).first()
    urls = [
        "/regions/220500/",
        "/regions/220502/",
        f"/regions/220502/?year={YEAR}",
        "/projects/?page=3",
        f"/projects/?region=220502&stage=开工&year={YEAR}",
        "/projects/?q=学校",
        f"/projects/{pk}/",
        "/api/v1/projects?region=220502&page=3",
        f"/api/v1/projects/{pk}",
        f"/api/v1/figures?region=220500&year={YEAR}",
        f"/api/v1/figures?region=220502&year={YEAR}",
    ]
    client = Client()
    client.force_login(User.objects.get(username="dispatcher"))
    print(f"{Project.objects.count()} projects; dispatcher of 通化市; median of 3 after a warm-up")
    for url in urls:
        client.get(url)
        times = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
        print(
            f"{response.status_code} {statistics.median(times) * 1000:7.0f} ms "
            f"{len(queries):3} queries  {url}"
        )


if __name__ == "__main__":
    main()
