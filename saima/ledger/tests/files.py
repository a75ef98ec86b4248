"""Ledger files made for tests, in the layouts offices use."""

import csv

import openpyxl
import xlsxwriter


def write_xlsx(path, rows, merges=(), title=None):
    """rows: lists of cell values; merges: (first_row, first_col, last_row, last_col), 0-based."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = book.add_worksheet("台账")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    merged = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in merges}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in merged:
                sheet.merge_range(r, c, *merged[(r, c)], value)
            elif hasattr(value, "year"):
                sheet.write_datetime(r, c, value, date_format)
            elif value is not None and not any(
                r0 <= r <= r1 and c0 <= c <= c1 for r0, c0, r1, c1 in merges
            ):
                sheet.write(r, c, value)
    book.close()
    return path


def write_openpyxl(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def read_xlsx(path):
    book = openpyxl.load_workbook(path)
    return book, book.active
