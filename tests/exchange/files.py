"""Lists as a municipality has them: CSV saved by Swedish Excel, UTF-8 files, one workbook."""

from __future__ import annotations

import io

# Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, semicolons, CRLF, Swedish headings.
ORGANISATIONER = (
    "Namn;Typ;Ort;Organisationsnummer;Bidrar med;Beskrivning\r\n"
    "Ramsbergs bygdeförening;Förening;Ramsberg;802000-1221;\"lokal: bygdegård; kompetens: bokföring\";Driver bygdegården\r\n"
    "Guldsmedshyttans Såg AB;Företag;Guldsmedshyttan;556036-0793;resurs: traktor;\r\n"
    "Lindesbergs kommun;Kommun;Lindesberg;;pengar: medfinansiering;\r\n"
)
DELTAGARE = (
    "Namn;Organisation;Roll;E-post;Telefon;Samtycke\r\n"
    "Åsa Öberg;Ramsbergs bygdeförening;ordförande;asa.oberg@example.se;070-1234567;ja\r\n"
    "Örjan Ärlig;Guldsmedshyttans Såg AB;ägare;orjan@example.se;;nej\r\n"
    "Karin Privat;;;karin@example.se;;\r\n"
)
IDEER = (
    "Titel;Beskrivning;Ort;Teman;Behov;Skede\r\n"
    "Bygdekök i skolan;Ett kök för föreningar och företag;Ramsberg;\"mat, bygd\";\"lokal: kök; pengar: investering\";Idé\r\n"
    "Sågverksmuseum;;Guldsmedshyttan;kulturarv;kompetens: guidning;Förädlad\r\n"
)
ATAGANDEN = (
    "Organisation;Idé;Roll\r\n"
    "Ramsbergs bygdeförening;Bygdekök i skolan;Initiativtagare\r\n"
    "Lindesbergs kommun;Bygdekök i skolan;Partner\r\n"
    "Vedevågs IF;Sågverksmuseum;partner\r\n"
)
KOPPLINGAR = (
    "Organisation A;Organisation B;Typ\r\n"
    "Ramsbergs bygdeförening;Guldsmedshyttans Såg AB;har samarbetat\r\n"
    "Lindesbergs kommun;Ramsbergs bygdeförening;känner\r\n"
)


def swedish_excel(text: str) -> bytes:
    return text.encode("cp1252")


def utf8_bom_commas(text: str) -> bytes:
    """The same table as newer Excel saves "CSV UTF-8": a BOM, and here commas."""
    import csv

    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=";"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def process_files(encode=swedish_excel) -> list[tuple[str, bytes]]:
    return [
        ("organisationer.csv", encode(ORGANISATIONER)),
        ("deltagare.csv", encode(DELTAGARE)),
        ("idéer.csv", encode(IDEER)),
        ("åtaganden.csv", encode(ATAGANDEN)),
        ("kopplingar.csv", encode(KOPPLINGAR)),
    ]


BAD_ORGANISATIONER = (
    "Namn;Typ;Organisationsnummer\r\n"
    "Ramsbergs bygdeförening;Förening;802000-1221\r\n"
    "Fel typ AB;Rymdbolag;\r\n"
    "Felnummer AB;Företag;556036-0794\r\n"
    "RAMSBERGS BYGDEFÖRENING;Förening;\r\n"
    ";Förening;\r\n"
)
BAD_ATAGANDEN = (
    "Organisation;Idé;Roll\r\n"
    "Ramsbergs bygdeförening;Bygdekök;partner\r\n"
    "556677-8899;Bygdekök;partner\r\n"
    "Felnummer AB;Bygdekök;partner\r\n"
    "Ramsbergs bygdeförening;Bygdekök;chef\r\n"
)


# Seven bad rows: unknown kind, bad check digit, a duplicate, no name; an unknown number,
# a reference to a bad row, an unknown role.
BAD = [("organisationer.csv", swedish_excel(BAD_ORGANISATIONER)), ("åtaganden.csv", swedish_excel(BAD_ATAGANDEN))]


def workbook(sheets: dict[str, str]) -> bytes:
    """An XLSX workbook with one sheet per (name, semicolon-separated table)."""
    import csv

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, text in sheets.items():
        sheet = book.create_sheet(name)
        for row in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=";"):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
