"""Ledger import/export benchmark: `make bench-ledger` (N=100000 rows by default).

On one generated file (bench/generate.py) it times, in one run:
  calamine         raw python-calamine parse (every row as a Python list)
  pandas_openpyxl  pandas.read_excel(engine="openpyxl")
  import_dry_run   Saima's import as a preview: parse + map + validate + match, nothing stored
  import           Saima's full import into an empty ledger: + store with audit entries
  reimport         the same file again (everything matches, nothing changes)
  xlsxwriter       a bare xlsxwriter write (constant memory) of the same cells
  export           Saima's export of the imported ledger in the official layout
and prints the ratios import_vs_calamine, pandas_openpyxl_vs_import, export_vs_xlsxwriter.

It uses its own SQLite database under bench/out/, or the database given with --database-url
(which it empties first).
"""

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def setup_django(database_url: str | None = None):
    data = OUT / "data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    # Never the developer's own database: bench/out/ unless a database is named explicitly.
    os.environ["SAIMA_DATA_DIR"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "saima.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if os.environ.get("DATABASE_URL"):
        call_command("flush", interactive=False, verbosity=0)
    seed()


def seed():
    from generate import DEPARTMENTS, REGIONS

    from saima.regions.models import Department, Region, RegionLevel

    province = Region.objects.create(code="220000", name="吉林省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(
        code="220500", name="通化市", level=RegionLevel.CITY, parent=province
    )
    for code, name in REGIONS:
        county = Region.objects.create(code=code, name=name, level=RegionLevel.COUNTY, parent=city)
        for dept in DEPARTMENTS:
            Department.objects.create(region=county, name=f"{name}{dept}")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, func, results, cpu):
    start, start_cpu = time.perf_counter(), time.process_time()
    value = func()
    results[label] = time.perf_counter() - start
    cpu[label] = time.process_time() - start_cpu
    print(
        f"{label:<16} {results[label]:8.2f} s wall {cpu[label]:8.2f} s CPU"
        f"   (peak RSS so far {peak_mb():,.0f} MB)",
        flush=True,
    )
    return value


def calamine_parse(path):
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = 0
    for _row in book.get_sheet_by_index(0).iter_rows():
        rows += 1
    book.close()
    return rows


def pandas_read(path):
    import pandas

    return len(pandas.read_excel(path, engine="openpyxl", header=None))


def saima_import(path, dry_run):
    from saima.ledger.importer import import_ledger

    report = import_ledger(path, user=None, dry_run=dry_run)
    if not report.ok:
        raise SystemExit("import failed: " + "; ".join(report.errors[:5]))
    return report


def export_cells(year):
    """The cells Saima's export writes, read beforehand, for the bare xlsxwriter run."""
    from saima.ledger.exporter import ledger_rows
    from saima.projects.models import Project

    return list(ledger_rows(Project.objects.all(), year))


def bare_xlsxwriter(cells, path):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    money = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(cells, start=3):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif hasattr(value, "year"):
                sheet.write_datetime(r, c, value, day)
            else:
                sheet.write_number(r, c, float(value), money)
    book.close()


def saima_export(path, year):
    from saima.ledger.exporter import export_ledger
    from saima.projects.models import Project
    from saima.regions.models import Region

    return export_ledger(
        Project.objects.all(), path, year=year, region=Region.objects.get(code="220500")
    )


def main():
    parser = argparse.ArgumentParser(description="Saima ledger import/export benchmark")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="benchmark on this database instead; it is emptied")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    import generate

    path = OUT / f"ledger-{args.rows}.xlsx"
    print(f"generating {args.rows:,} rows → {path}", flush=True)
    generate.write(path, args.rows)
    print(f"file size {path.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} CPUs", flush=True)
    setup_django(args.database_url)
    results, cpu = {}, {}
    timed("calamine", lambda: calamine_parse(path), results, cpu)
    timed("pandas_openpyxl", lambda: pandas_read(path), results, cpu)
    report = timed("import_dry_run", lambda: saima_import(path, True), results, cpu)
    print(f"    {report.summary()}")
    report = timed("import", lambda: saima_import(path, False), results, cpu)
    print(f"    {report.summary()}")
    report = timed("reimport", lambda: saima_import(path, False), results, cpu)
    print(f"    {report.summary()}")
    cells = export_cells(generate.YEAR)
    timed("xlsxwriter", lambda: bare_xlsxwriter(cells, OUT / "bare.xlsx"), results, cpu)
    cells = None  # free the rows before the export run
    timed("export", lambda: saima_export(OUT / "export.xlsx", generate.YEAR), results, cpu)
    pairs = {
        "import_vs_calamine (dry run)": ("import_dry_run", "calamine"),
        "import_vs_calamine (stored)": ("import", "calamine"),
        "pandas_openpyxl_vs_import (dry run)": ("pandas_openpyxl", "import_dry_run"),
        "pandas_openpyxl_vs_import (stored)": ("pandas_openpyxl", "import"),
        "export_vs_xlsxwriter": ("export", "xlsxwriter"),
    }
    print(f"\n{'ratio':<38} {'wall':>6} {'CPU':>6}")
    for name, (a, b) in pairs.items():
        print(f"{name:<38} {results[a] / results[b]:6.2f} {cpu[a] / cpu[b]:6.2f}")
    print(
        "targets: import_vs_calamine <= 1.5, pandas_openpyxl_vs_import >= 8, export_vs_xlsxwriter <= 1.2"
    )


if __name__ == "__main__":
    main()
