"""Writes the .xlsx files here with openpyxl (python make.py; they are committed as written)."""
from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def save(book: Workbook, name: str) -> None:
    book.save(HERE / name)


# A translator's sheet: language names as headers, a definition, a number and a date cell,
# a second worksheet that is not read, a blank row, synonyms separated by ';'.
book = Workbook()
sheet = book.active
sheet.title = "Terms"
sheet.append(["English", "Arabic", "Persian", "Definition", "Added"])
sheet.append(["Hanoi Convention", "اتفاقية هانوي", "کنوانسیون هانوی", "The UN treaty on cybercrime.",
              datetime.date(2025, 10, 25)])
sheet.append(["UNODC; United Nations Office on Drugs and Crime", "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", None,
              None, None])
sheet.append([None, None, None, None, None])
sheet.append(["Article 27", "المادة 27", "ماده ۲۷", None, 27])
other = book.create_sheet("Notes")
other.append(["English", "Arabic"])
other.append(["not read", "لا يقرأ"])
save(book, "languages-by-name.xlsx")

# The workbench's own CSV columns in a worksheet, a formula cell (no saved value: read as empty).
book = Workbook()
sheet = book.active
sheet.append(["concept", "lang", "term", "status", "part_of_speech", "note"])
sheet.append(["hanoi", "en", "Hanoi Convention", "preferred", "noun", None])
sheet.append(["hanoi", "ar", "اتفاقية هانوي", "preferred", "noun", "=1+1"])
sheet.append(["hanoi", "ar", "اتفاقية الأمم المتحدة بشأن الجرائم الإلكترونية", "deprecated", None, None])
save(book, "workbench-columns.xlsx")

# A workbook whose worksheet declares entities (a billion-laughs document): refused.
book = Workbook()
book.active.append(["English", "Arabic"])
book.active.append(["one", "واحد"])
save(book, "entities.xlsx")
with zipfile.ZipFile(HERE / "entities.xlsx") as src:
    parts = {info.filename: src.read(info) for info in src.infolist()}
sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
doctype = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n')
parts["xl/worksheets/sheet1.xml"] = (doctype + sheet_xml.replace("<t>one</t>", "<t>&lol3;</t>")).encode()
with zipfile.ZipFile(HERE / "entities.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
    for name, data in parts.items():
        out.writestr(name, data)

# A memory as a client's sheet: English and Arabic columns, a note column, an empty target, a number.
book = Workbook()
sheet = book.active
sheet.append(["English", "Arabic", "Note"])
sheet.append(["Viet Nam signed the Hanoi Convention.", "وقعت فيتنام على اتفاقية هانوي.", "title"])
sheet.append(["Seventy-two countries signed it in two days.", "وقعت عليها 72 دولة في يومين.", None])
sheet.append(["Not yet translated.", None, None])
sheet.append([2025, 2025, None])
save(book, "memory-en-ar.xlsx")

# A memory sheet with its header row only.
book = Workbook()
book.active.append(["ar", "en"])
save(book, "header-only.xlsx")

# A zip bomb: one part of 64 MB of spaces, packed to a few tens of KB.
with zipfile.ZipFile(HERE / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
    out.writestr("xl/worksheets/sheet1.xml", b" " * (64 << 20))
