"""Demo companies around the five development points, so the register, its overview (and the
survey's pages, which add answers to these companies) show something real.

Forty fictional companies, six of them the demo network's own companies (same name and
organisationsnummer, so the register finds their organisation as entry would): mostly micro companies (none to nine employees), a few small
ones, some sole traders (enskild firma) with fictional personnummer. The numbers below are
written without their check digit, which :func:`_number` adds (Luhn), so every one passes
the register's validation; none is meant to be a real company or person. They are added
through the register service, as a coordinator would, then marked ``is_demo`` and removed
with the rest of the demo (:func:`workshop.services.demo_data.remove_demo_data`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update

from ..db import Store
from ..models import Company
from ..validation import luhn_valid
from .register import add_company

__all__ = ["DEMO_COMPANIES", "load_demo_companies", "demo_companies"]

SOURCE = "Demo: påhittat registerutdrag"

# (name, number without check digit, locality, SNI codes, size class, turnover tkr, contact, e-mail)
# A number of ten digits (with a "-" after six) is an organisationsnummer's first nine
# and the separator; eleven digits with a "-" after eight is a personnummer's (YYYYMMDD-NNN).
DEMO_COMPANIES: tuple[tuple[str, str, str, str, str, int | None, str | None, str | None], ...] = (
    # Fellingsbro
    ("Fellingsbro Gårdsbageri AB", "559311-214", "Fellingsbro", "10710, 47241", "5-9", 4200, "Maria Lind", "maria@gardsbageri.example"),
    ("Hjälmarens Bygg & Snickeri AB", "556871-402", "Fellingsbro", "41200, 43320", "10-19", 15800, "Per Ekström", None),
    ("Fellingsbro Elservice AB", "559102-377", "Fellingsbro", "43210", "1-4", 3100, "Sara Holm", "sara@elservice.example"),
    ("Karins Hårstudio", "19720315-038", "Fellingsbro", "96021", "0", 380, "Karin Åberg", None),
    ("Arbogaåns Redovisning AB", "559244-118", "Fellingsbro", "69201", "1-4", 1900, "Lars Norén", "lars@redovisning.example"),
    ("Fellingsbro Lantbruk HB", "969755-031", "Fellingsbro", "01410, 01500", "1-4", 5400, "Johan Persson", None),
    ("Mälarslättens Trädgård", "19850622-117", "Fellingsbro", "81300, 47761", "0", 610, "Emma Sund", "emma@tradgard.example"),
    ("Storgårdens Bed & Breakfast", "19640517-163", "Fellingsbro", "55201, 82300", "1-4", 1700, "Ingrid Dahlgren", None),
    ("Fellingsbro Bilverkstad AB", "556534-209", "Fellingsbro", "45201", "1-4", 2700, "Mikael Berg", None),
    # Ullersäter and Frövi
    ("Ullersäters Skog & Mark AB", "559187-531", "Ullersäter", "02200, 02102", "1-4", 6900, "Anders Lund", "anders@skogmark.example"),
    ("Ullersäter Hästgård", "19680907-254", "Ullersäter", "01430, 85510", "0", 450, "Lena Ström", None),
    ("Frövi Transport HB", "916543-210", "Frövi", "49410", "10-19", 14200, "Stefan Öhman", None),
    ("Frövi VVS & Energi AB", "559066-723", "Frövi", "43221", "5-9", 7300, "Hanna Falk", "hanna@vvs.example"),
    ("Rockhammars Metall AB", "556712-818", "Rockhammar", "25620, 33120", "20-49", 38000, "Göran Sjöberg", None),
    ("Frövi Data & Webb", "19910118-332", "Frövi", "62010, 73111", "0", 520, "Amir Haddad", "amir@webb.example"),
    ("Hyttgårdens gårdsbutik", "19790228-045", "Ullersäter", "47210, 01410", "1-4", 1200, "Eva Rydén", None),
    ("Frövi Städ & Fastighetsservice AB", "559378-046", "Frövi", "81210", "5-9", 4100, "Jelena Petrović", None),
    # Vedevåg
    ("Vedevågs Bygdebutik ek. för.", "769601-447", "Vedevåg", "47112", "1-4", 1800, "Kerstin Lundgren", "kerstin@bygdebutik.example"),
    ("Vedevågs Såg AB", "559960-212", "Vedevåg", "16101", "5-9", 9600, "Per-Olof Ström", None),
    ("Gusselby Foto & Form", "19780430-161", "Gusselby", "74201, 74102", "0", 290, "Ingrid Wall", None),
    ("Vedevågs Bilservice AB", "559233-585", "Vedevåg", "45201, 47300", "1-4", 5200, "Patrik Holmqvist", None),
    ("Vasselhyttans Vandrarhem", "19600212-279", "Vasselhyttan", "55201", "0", 340, "Ulla Bergman", "ulla@vandrarhem.example"),
    ("Vedevåg Måleri AB", "559151-407", "Vedevåg", "43341", "1-4", 2300, "Fredrik Mattsson", None),
    ("Linde Bruks Smedja AB", "556920-134", "Vedevåg", "25500", "1-4", 1600, "Tove Axelsson", None),
    # Ramsberg
    ("Ramsbergs Smide AB", "556036-079", "Ramsberg", "25500, 33110", "1-4", 2350, "Eva Smed", "eva@smide.example"),
    ("Ramsbergs Fiske & Vildmark", "19830809-146", "Ramsberg", "93199, 55300", "0", 480, "Niklas Hjort", None),
    ("Bergslagens Skogstjänst AB", "559320-771", "Ramsberg", "02200", "5-9", 8700, "Malin Forsberg", "malin@skogstjanst.example"),
    ("Kloten Konst & Keramik", "19750126-212", "Kloten", "90030, 23410", "0", 210, "Sofia Rydberg", None),
    ("Kaffestugan i Ramsberg AB", "559960-104", "Ramsberg", "56100, 56210", "1-4", 2900, "Maria Hedlund", None),
    ("Mårdshyttans Jord & Skog HB", "969712-560", "Mårdshyttan", "01500, 02102", "1-4", 1400, "Gunnar Östlund", None),
    ("Ramsbergs IT-konsult", "19880503-096", "Ramsberg", "62020", "0", 760, "Elin Wikström", "elin@itkonsult.example"),
    ("Löa Grus & Entreprenad AB", "556645-902", "Löa", "08120, 43120", "10-19", 12300, "Bo Lindqvist", None),
    # Guldsmedshyttan, Storå and Stråssa
    ("Storå Snickeri & Bygg AB", "559012-346", "Storå", "43320, 41200", "5-9", 6100, "Olle Trä", None),
    ("Guldsmedshyttans Livs AB", "556799-225", "Guldsmedshyttan", "47112", "1-4", 7800, "Aida Hodžić", "aida@livs.example"),
    ("Stråssa Gruvguidning", "19700614-185", "Stråssa", "79900, 91030", "0", 190, "Tomas Grip", None),
    ("Storå Industriservice AB", "559290-658", "Storå", "33120, 25620", "20-49", 29500, "Camilla Eriksson", None),
    ("Guldsmedshyttans Hälsostudio", "19930921-243", "Guldsmedshyttan", "96040, 93130", "0", 350, "Linnea Björk", None),
    ("Lövbackens Skog & Entreprenad", "19710830-151", "Guldsmedshyttan", "02200, 02409", "1-4", 5600, "Henrik Sandell", None),
    ("Guldsmedshyttans Redovisningsbyrå", "19660304-227", "Guldsmedshyttan", "69201", "1-4", 980, "Marianne Hed", "marianne@byra.example"),
    # The town itself: outside the development points, counted apart
    ("Bergsbyte IT AB", "559960-328", "Lindesberg", "62020, 62030", "1-4", 2600, "Linnea Hägg", None),
)


def _number(stem: str) -> str:
    """The stem with its Luhn check digit: ``556036-079`` → ``556036-0793``; for a personnummer
    the digit is computed on the ten-digit form (``19720315-038`` → ``19720315-0382``)."""
    digits = stem.replace("-", "")
    ten = digits[-9:]
    check = next(d for d in range(10) if luhn_valid(ten + str(d)))
    return f"{stem}{check}"


def load_demo_companies(store: Store, token: Any, *, today: dt.date | None = None) -> list[int]:
    """Add every demo company through the register (as ``token``'s coordinator), marked ``is_demo``."""
    ids = []
    for name, stem, locality, sni, size, tkr, contact, email in DEMO_COMPANIES:
        view = add_company(
            store, token, name=name, identity_number=_number(stem), locality=locality, sni_codes=sni, size_class=size,
            turnover=str(tkr) if tkr is not None else "", turnover_thousands=True, contact_name=contact,
            contact_email=email, contact_consent=email is not None, source=SOURCE, source_date=today or dt.date.today(), today=today,
        )
        ids.append(view.id)
    with store.unit_of_work(write=True) as session:
        session.execute(update(Company).where(Company.id.in_(ids)).values(is_demo=True))
        session.commit()
    return ids


def demo_companies(store: Store) -> list[int]:
    """The ids of the demo companies, in the order they were added (for the survey's demo answers)."""
    with store.unit_of_work() as session:
        return list(session.scalars(select(Company.id).where(Company.is_demo.is_(True)).order_by(Company.id)))
