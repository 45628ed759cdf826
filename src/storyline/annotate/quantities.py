"""Quantities in text: money, counts with units, percentages — normalised.

``extract(text, doc_id)`` returns :class:`~storyline.records.Amount` records with
offsets into ``text``, ISO 4217 currency, low/high bounds, a qualifier, a rate and
a CQE-style change (``= ~ > < up down``).

Why hand-written: the well-kept quantity extractors either need a model at run
time (CQE needs spaCy and a classifier), are slow (quantulum3 loads a large unit
table and disambiguation classifier per call), or do not keep qualifiers, rates
and money scale ("$1bn", "US$750m", "tens of billions") together. This module is
a compiled-regex grammar: one pass finds number atoms, then small anchored
patterns read the currency, scale, qualifier, unit and rate around each atom.
It never loads spaCy, so it runs inside the throughput budget of ingest.

Normalisation rules (see ``docs/money.md``):

* ``exact``/``about``: ``low == high ==`` the stated value.
* ``more_than``/``at_least``: ``low`` = value, ``high`` = ``None`` (open).
* ``less_than``/``at_most``: ``low`` = ``None``, ``high`` = value.
* ``range`` (``$5-7 billion``, ``between X and Y``, ``X to Y``): the two ends, sorted.
* ``vague`` magnitudes: a plural magnitude word M ("millions", "dozens") is
  ``[M, 10*M]``; "tens of M" is ``[10*M, 100*M]``; "hundreds of M" is ``[100*M, 1000*M]``.
  So "tens of billions" is ``low=1e10, high=1e11``.
* Money is in the currency's major unit: "19 cents" is 0.19 USD (``unit="cent"``).

Years, dates, clock times, ordinals and identifiers ("Section 427", "Boeing
737", "COVID-19") are not quantities. Bare numbers without any unit are only
returned with ``all_numbers=True`` (the NewsQuant benchmark counts them; the
ledger does not want them).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .nlp import doc_text
from ..records import Amount, content_id

# --------------------------------------------------------------------------- lexicon

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9,
    "bln": 1e9, "tn": 1e12, "tr": 1e12, "trn": 1e12, "crore": 1e7, "lakh": 1e5,
}
# plural magnitude words used vaguely ("millions of users", "dozens of people")
_VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
          "trillions": 1e12}

# currency symbols/codes written before the number -> ISO 4217
_PREFIX_CURRENCY = {
    "US$": "USD", "US $": "USD", "U.S.$": "USD", "USD": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "AU $": "AUD", "AUD": "AUD",
    "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "HK$": "HKD", "HKD": "HKD", "NZ$": "NZD", "NZD": "NZD", "S$": "SGD",
    "SGD": "SGD", "R$": "BRL", "BRL": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY",
    "JPY": "JPY", "CN¥": "CNY", "CNY": "CNY", "RMB": "CNY", "₹": "INR", "Rs.": "INR", "Rs": "INR", "INR": "INR",
    "₩": "KRW", "KRW": "KRW", "CHF": "CHF", "₪": "ILS", "NIS": "ILS", "ILS": "ILS", "RM": "MYR", "MYR": "MYR",
    "₽": "RUB", "RUB": "RUB", "₺": "TRY", "TRY": "TRY", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "ZAR": "ZAR",
    "MXN": "MXN", "₦": "NGN", "PS": "GBP", "$US": "USD", "$A": "AUD", "$AU": "AUD", "$C": "CAD", "$NZ": "NZD",
    "$HK": "HKD", "HK $": "HKD", "A $": "AUD", "C $": "CAD", "NZ $": "NZD", "S $": "SGD", "Y=": "JPY",  # "PS" is how a mangled "£" often survives text extraction
    "AUD$": "AUD", "CAD$": "CAD", "NZD$": "NZD", "MXN$": "MXN", "Mex$": "MXN", "MX$": "MXN", "₿": "BTC", "₡": "CRC",
    "₾": "GEL", "₭": "LAK", "元": "CNY",
}
# lower-cased copy text ("c $ 16.4 million", "hk $ 10 billion", "aud$ 15"): letter prefixes glued to "$"
# (not "a $"/"s $": the article and "'s" come before "$" too often)
_PREFIX_CURRENCY |= {k.lower(): v for k, v in _PREFIX_CURRENCY.items()
                     if "$" in k and k.lower() != k and k.lower() not in ("a $", "a$", "s $", "s$", "$a", "$c")}
# currency written after the number: surface (lower case, regex) -> (ISO, CQE unit name)
_SUFFIX_CURRENCY: list[tuple[str, str, str]] = [
    (r"u\.?s\.? dollars?", "USD", "dollar"), (r"american dollars?", "USD", "dollar"),
    (r"australian dollars?", "AUD", "australian dollar"), (r"canadian dollars?", "CAD", "canadian dollar"),
    (r"hong kong dollars?", "HKD", "hong kong dollar"), (r"new zealand dollars?", "NZD", "new zealand dollar"),
    (r"singapore dollars?", "SGD", "singapore dollar"), (r"taiwan(?:ese)? dollars?", "TWD", "new taiwan dollar"),
    (r"dollars?", "USD", "dollar"), (r"euros?", "EUR", "euro"),
    (r"pounds? sterling", "GBP", "pound sterling"), (r"british pounds?", "GBP", "pound sterling"),
    (r"sterling", "GBP", "pound sterling"), (r"(?:japanese )?yen", "JPY", "japanese yen"),
    (r"(?:chinese )?yuan", "CNY", "chinese yuan"), (r"renminbi", "CNY", "chinese yuan"),
    (r"(?:indian )?rupees?", "INR", "indian rupee"), (r"rupiah", "IDR", "indonesian rupiah"),
    (r"(?:malaysian )?ringgit", "MYR", "malaysian ringgit"), (r"(?:israeli )?(?:new )?shekels?", "ILS", "shekel"),
    (r"(?:south korean |korean )?won", "KRW", "south korean won"), (r"swiss francs?", "CHF", "swiss franc"),
    (r"francs?", "CHF", "swiss franc"), (r"danish (?:crowns?|kroner|krone)", "DKK", "danish krone"),
    (r"swedish (?:crowns?|kronor|krona)", "SEK", "swedish krona"),
    (r"norwegian (?:crowns?|kroner|krone)", "NOK", "norwegian krone"), (r"(?:south african )?rand", "ZAR",
                                                                        "south african rand"),
    (r"(?:turkish )?lira", "TRY", "turkish lira"), (r"(?:mexican )?pesos?", "MXN", "mexican peso"),
    (r"(?:brazilian )?reais", "BRL", "brazilian real"), (r"(?:russian )?r[o]?ubles?", "RUB", "russian ruble"),
    (r"dirhams?", "AED", "united arab emirates dirham"), (r"riyals?", "SAR", "saudi riyal"),
    (r"naira", "NGN", "nigerian naira"), (r"baht", "THB", "thai baht"), (r"bitcoins?", "BTC", "bitcoin"),
    # symbols and codes written after the number ("15 €", "100₾", "10 usd", "40 rmb")
    (r"€", "EUR", "euro"), (r"£", "GBP", "pound sterling"), (r"₿|btc", "BTC", "bitcoin"),
    (r"₡", "CRC", "costa rican colón"), (r"₾", "GEL", "georgian lari"), (r"₭", "LAK", "lao kip"),
    (r"元|rmb", "CNY", "chinese yuan"), (r"usd", "USD", "dollar"), (r"eur", "EUR", "euro"),
]
# minor currency units: surface -> (ISO, unit, factor to the major unit)
_MINOR_CURRENCY: list[tuple[str, str, str, float]] = [
    (r"cents?", "USD", "cent", 0.01), (r"pence|penny|pennies", "GBP", "penny", 0.01), (r"sen", "MYR", "sen", 0.01),
    # corporate shorthand for millions: "30 MUSD", "120 MEUR" (a factor above 1: not a minor unit)
    (r"MUSD", "USD", "dollar", 1e6), (r"MEUR", "EUR", "euro", 1e6), (r"MGBP", "GBP", "pound sterling", 1e6),
    (r"MAUD", "AUD", "australian dollar", 1e6), (r"MCHF", "CHF", "swiss franc", 1e6),
]
# measurement units: (regex, normalised CQE name, case sensitive?)
_UNITS: list[tuple[str, str, bool]] = [
    # percentages
    (r"%", "percentage", True), (r"per ?cent", "percentage", False), (r"pct", "percentage", False), (r"pc", "percentage", True),
    (r"percentage points?", "percentage point", False), (r"basis points?", "basis point", False),
    (r"bps", "basis point", False), (r"points?", "point", False), (r"pts", "point", False),
    # speed before length
    (r"miles? (?:per|an|a) hour", "mile per hour", False), (r"mph", "mile per hour", False),
    (r"km/hr?", "kilometre per hour", False), (r"m\.p\.h\.?", "mile per hour", False),
    (r"knots?", "knot", False), (r"kts", "knot", False), (r"kph", "kilometre per hour", False), (r"kmh", "kilometre per hour", False),
    (r"kilomet(?:er|re)s? (?:per|an|a) hour", "kilometre per hour", False),
    (r"met(?:er|re)s? (?:per|a) second", "metre per second", False), (r"m/s", "metre per second", True),
    (r"miles? per gallon", "mile per gallon", False), (r"mpg", "mile per gallon", False),
    (r"revolutions per minute", "revolutions per minute", False), (r"rpm", "revolutions per minute", False),
    (r"barrels?[- ](?:per|a)[- ]day", "barrel per day", False), (r"bpd", "barrel per day", False),
    # area
    (r"square (?:met(?:er|re)s?)", "square metre", False), (r"sq\.? ?m", "square metre", False),
    (r"m2", "square metre", True), (r"square (?:feet|foot)", "square foot", False),
    (r"sq\.? ?ft", "square foot", False), (r"square (?:kilomet(?:er|re)s?)", "square kilometre", False),
    (r"km2", "square kilometre", True), (r"square miles?", "square mile", False),
    (r"acres?", "acre", False), (r"hectares?", "hectare", False),
    # length
    (r"kilomet(?:er|re)s?", "kilometre", False), (r"km", "kilometre", True), (r"centimet(?:er|re)s?", "centimetre",
                                                                            False),
    (r"cm", "centimetre", True), (r"millimet(?:er|re)s?", "millimetre", False), (r"mm", "millimetre", True),
    (r"micromet(?:er|re)s?", "micrometre", False), (r"microns?", "micrometre", False), (r"[µμ]m", "micrometre", True), (r"decimet(?:er|re)s?", "decimetre", False),
    (r"dm", "decimetre", True), (r"picomet(?:er|re)s?", "picometre", False), (r"radians?", "radian", False),
    (r"rad", "radian", True), (r"″", "inch", True), (r"′", "foot", True),
    (r"nanomet(?:er|re)s?", "nanometre", False), (r"nm", "nanometre", True),
    (r"met(?:er|re)s?", "metre", False), (r"m", "metre", True), (r"miles?", "mile", False), (r"mi", "mile", True),
    (r"yards?", "yard", False), (r"yds?", "yard", True), (r"feet", "foot", False), (r"foot", "foot", False),
    (r"ft", "foot", True), (r"inch(?:es)?", "inch", False), (r"in\.", "inch", True), (r"light[- ]years?", "light-year",
                                                                                   False),
    # mass
    (r"kilograms?", "kilogram", False), (r"kilos?", "kilogram", False), (r"kg", "kilogram", True),
    (r"milligrams?", "milligram", False), (r"mg", "milligram", True), (r"micrograms?", "microgram", False), (r"[µμ]g", "microgram", True),
    (r"microgrammes?", "microgram", False),
    (r"grams?", "gram", False), (r"g", "gram", True), (r"gigaton(?:ne)?s?", "gigaton", False),
    (r"megaton(?:ne)?s?", "megaton", False), (r"metric tons?", "metric ton", False), (r"tonnes?", "metric ton", False),
    (r"tons?", "ton", False), (r"pounds?", "pound-mass", False), (r"lbs?", "pound-mass", False),
    (r"ounces?", "ounce", False), (r"oz", "ounce", False),
    # volume
    (r"millilit(?:er|re)s?", "millilitre", False), (r"ml", "millilitre", False), (r"lit(?:er|re)s?", "litre", False),
    (r"L", "litre", True), (r"gallons?", "gallon", False), (r"pints?", "pint", False), (r"quarts?", "quart", False), (r"barrels?", "barrel", False),
    (r"cubic met(?:er|re)s?", "cubic metre", False), (r"cubic feet", "cubic foot", False),
    # energy, power, electricity
    (r"brake horsepower", "brake horsepower", False), (r"bhp", "brake horsepower", False),
    (r"horsepower", "horsepower", False), (r"hp", "horsepower", False), (r"PS", "horsepower", True),
    (r"kilowatt[- ]hours?", "kilowatt hour", False), (r"kWh", "kilowatt hour", False),
    (r"megawatt[- ]hours?", "megawatt hour", False), (r"MWh", "megawatt hour", False),
    (r"gigawatt[- ]hours?", "gigawatt hour", False), (r"GWh", "gigawatt hour", False), (r"TWh", "terawatt hour", False),
    (r"kilowatts?", "kilowatt", False), (r"kW", "kilowatt", False), (r"megawatts?", "megawatt", False),
    (r"MW", "megawatt", True), (r"gigawatts?", "gigawatt", False), (r"GW", "gigawatt", True),
    (r"watts?", "watt", False), (r"W", "watt", True), (r"volts?", "volt", False), (r"V", "volt", True),
    (r"milliampere[- ]hours?", "milliampere-hour", False), (r"mAh", "milliampere-hour", False),
    (r"pound[- ]feet", "pound-foot", False), (r"lb[- ]?ft", "foot pound-force", False),
    (r"newton[- ]met(?:er|re)s?", "newton metre", False), (r"Nm", "newton metre", True),
    (r"calories", "calorie", False), (r"kcal", "kilocalorie", False), (r"joules?", "joule", False),
    # data, frequency
    (r"terabytes?", "terabyte", False), (r"TB", "terabyte", True), (r"gigabytes?", "gigabyte", False),
    (r"GB", "gigabyte", True), (r"megabytes?", "megabyte", False), (r"MB", "megabyte", True),
    (r"megabits? per second", "megabit per second", False), (r"Mbps", "megabit per second", False),
    (r"gigabits? per second", "gigabit per second", False), (r"Gbps", "gigabit per second", False),
    (r"gigahertz", "gigahertz", False), (r"GHz", "gigahertz", False), (r"megahertz", "megahertz", False),
    (r"MHz", "megahertz", False), (r"kilohertz", "kilohertz", False), (r"kHz", "kilohertz", False),
    (r"hertz", "hertz", False), (r"Hz", "hertz", False),
    # pressure, concentration
    (r"gigapascals?", "gigapascal", False), (r"GPa", "gigapascal", True), (r"megapascals?", "megapascal", False),
    (r"MPa", "megapascal", True), (r"ksi", "kilopound per square inch", False), (r"psi", "pound per square inch", False),
    (r"parts per billion", "parts-per-billion", False), (r"ppb", "parts-per-billion", False),
    (r"parts per million", "part per million", False), (r"ppm", "part per million", False),
    # temperature and angle
    (r"(?:degrees?|deg\.?) (?:cel[cs]ius|centigrade|c(?![\w]))", "celsius", False), (r"cel[cs]ius", "celsius", False), (r"°\s?cel[cs]ius", "celsius", False),
    (r"°\s?fah?renheit", "fahrenheit", False), (r"°\s?C", "celsius", True), (r"celsius", "celsius", False),
    (r"(?:degrees?|deg\.?) (?:fah?renheit|f(?![\w]))", "fahrenheit", False), (r"°\s?F", "fahrenheit", True),
    (r"fah?renheit", "fahrenheit", False),
    (r"degrees?", "degree", False), (r"°", "degree", True),
    # age before time
    (r"(?:\s*-\s*|-)?years?(?:[- ]|\s+-\s+)olds?", "year of age", False), (r"-?months?[- ]olds?", "month of age", False),
    (r"years? of age", "year of age", False), (r"months? of age", "month of age", False),
    (r"weeks? of age", "week of age", False), (r"y/?o", "year of age", True),
    (r"-?weeks?[- ]olds?", "week of age", False), (r"-?days?[- ]olds?", "day of age", False),
    # time
    (r"years?", "year", False), (r"yrs?", "year", False), (r"months?", "month", False), (r"weeks?", "week", False),
    (r"days?", "day", False), (r"hours?", "hour", False), (r"hrs?", "hour", False), (r"minutes?", "minute", False),
    (r"mins?", "minute", False), (r"seconds?", "second", False), (r"secs?", "second", False),
    (r"decades?", "decade", False), (r"centuries", "century", False), (r"century", "century", False),
    (r"quarters?", "quarter", False), (r"times", "count", False),
    # sports statistics written as abbreviations in news box scores
    (r"ppg", "point per game", False), (r"rpg", "rebound per game", False), (r"apg", "assist per game", False),
    (r"points? per game", "point per game", False), (r"rebounds? per game", "rebound per game", False),
    (r"assists? per game", "assist per game", False), (r"WAR", "win above replacement", True),
    (r"deg ?C", "celsius", True), (r"deg ?F", "fahrenheit", True), (r"l", "litre", True),
    # ISO 4217 codes after the number ("110 JPY"); money is set from the unit name below
    (r"USD", "dollar", True), (r"EUR", "euro", True), (r"JPY", "japanese yen", True), (r"GBP", "pound sterling", True),
    (r"CNY", "chinese yuan", True), (r"AUD", "australian dollar", True), (r"CAD", "canadian dollar", True),
    (r"CHF", "swiss franc", True), (r"HKD", "hong kong dollar", True), (r"INR", "indian rupee", True),
    (r"HRK", "croatian kuna", True), (r"ZAR", "south african rand", True), (r"SEK", "swedish krona", True),
]
_RATE_WORDS = {
    "year": "year", "annum": "year", "annually": "year", "yearly": "year", "a year": "year",
    "quarter": "quarter", "quarterly": "quarter", "month": "month", "monthly": "month",
    "week": "week", "weekly": "week", "day": "day", "daily": "day", "night": "day",
}
# qualifier phrases written before the number: phrase -> (qualifier, CQE change)
_QUAL_BEFORE: list[tuple[str, str, str]] = [
    (r"more than", "more_than", ">"), (r"greater than", "more_than", ">"), (r"higher than", "more_than", ">"),
    (r"over than", "more_than", ">"), (r"over", "more_than", ">"), (r"above", "more_than", ">"),
    (r"in excess of", "more_than", ">"), (r"upwards of", "more_than", ">"), (r"north of", "more_than", ">"),
    (r"at least", "at_least", ">"), (r"no (?:less|fewer) than", "at_least", ">"), (r"a minimum of", "at_least", ">"),
    (r"as many as", "at_most", "<"), (r"as much as", "at_most", "<"), (r"up to", "at_most", "<"),
    (r"at most", "at_most", "<"), (r"no more than", "at_most", "<"), (r"a maximum of", "at_most", "<"),
    (r"less than", "less_than", "<"), (r"fewer than", "less_than", "<"), (r"lower than", "less_than", "<"),
    (r"under", "less_than", "<"), (r"below", "less_than", "<"), (r"shy of", "less_than", "<"),
    (r"about", "about", "~"), (r"around", "about", "~"), (r"approximately", "about", "~"),
    (r"approx\.?", "about", "~"), (r"roughly", "about", "~"), (r"nearly", "about", "~"), (r"almost", "about", "~"),
    (r"close to", "about", "~"), (r"some", "about", "~"), (r"an estimated", "about", "~"),
    (r"estimated", "about", "~"), (r"circa", "about", "~"), (r"c\.", "about", "~"), (r"~", "about", "~"),
    (r"just", "exact", "="), (r"only", "exact", "="), (r"exactly", "exact", "="),
]
_QUAL_AFTER: list[tuple[str, str, str]] = [
    (r"or more", "at_least", ">"), (r"or so", "about", "~"), (r"or less", "at_most", "<"), (r"or fewer", "at_most", "<"),
    (r"plus", "more_than", ">"), (r"\+", "more_than", ">"),
]
_UP = ("up rose rise rises rising risen gain gained gains gaining jumped jump jumps jumping climbed climb climbs "
       "climbing increased increase increases increasing advanced advance advances added adding grew grow grows "
       "growing soared soar soars surged surge surges rallied rally boosted boost higher raised raise lifted "
       "spiked edged inched up by").split()
_DOWN = ("down fell fall falls falling fallen dropped drop drops dropping declined decline declines declining "
         "lost lose loses losing slid slide slides sliding slipped slip decreased decrease decreases decreasing "
         "tumbled tumble plunged plunge plunges plummeted plummeting sank sink sinks shed sheds cut cuts cutting "
         "shrank shrink shrinks lower dipped dip dips eased ease shaved retreated slumped slump tanked").split()

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# words that, right before a number, make it an identifier or a date rather than a quantity
_ID_WORDS = set(("section row no no. number chapter article route flight room level episode season game week page "
                 "grade class version rule amendment phase stage act title part line model series gen generation "
                 "platform gate highway interstate district ward seat pier terminal suite unit apartment channel "
                 "issue volume vol figure fig table item lot round category tier division").split())
_QUAL_WORDS = set("about around over under nearly almost some roughly approximately just only exactly up at "
                  "more less than between from to and or by".split())
_DETERMINER_BEFORE_ONE = set("the no this that each every any same which another any one".split())

# function words that end a noun unit ("13000 workers in ...")
_STOP = set((
    "a an the of in on at to for from with by and or but nor that which who whom whose what when where why how "
    "this these those there here is are was were be been being has have had do does did will would can could "
    "shall should may might must it its it's they them their he she his her we our you your i me my as than "
    "then so if not no up down out off over under into onto about after before since during until while per "
    "each every all some any more most less least such only just also even still very too again ago later "
    "earlier now today yesterday tomorrow last next this year years month months week weeks day days time "
    "said says say according percent per cent cents million billion trillion thousand hundred dozen".split()))
_IRREGULAR_PLURAL = {"viruses": "virus", "buses": "bus", "bonuses": "bonus", "campuses": "campus",
                     "statuses": "status", "censuses": "census", "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
                     "teeth": "tooth", "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife",
                     "knives": "knife", "leaves": "leaf", "halves": "half", "staff": "staff", "data": "data",
                     "series": "series", "species": "species", "police": "police", "sheep": "sheep",
                     "fish": "fish", "deer": "deer", "aircraft": "aircraft", "crew": "crew"}


def _alt(patterns: Iterable[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_NUMWORD = _alt(list(_SMALL) + list(_TENS))
_DIGITS = r"(?:(?:(?<![\w.,-])-|(?<![\w])minus[- ]?)?(?:\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+))"
_WORDNUM = rf"(?:(?:{_alt(_TENS)})(?:[- ](?:{_alt(k for k in _SMALL if _SMALL[k] < 10 and k != 'zero')}))?|{_NUMWORD})"
_SCALE_WORDS = r"(?:hundred|thousand|million|billion|trillion|crore|lakh)"
_SCALE_ABBR = r"(?:mil|mln|mn|bln|bn|trn|tn|tr|k|K|m|M|b|B)"
# the abbreviations no unit shares, which style guides (the BBC's "$7.7 bn") also write spaced;
# not "m" or "b" ("5 m" is five metres)
_SPACED_ABBR = r"(?:mln|mn|bln|bn|trn)"

# a number atom: digits or number words, then an optional scale; or "a dozen"/"a million"
# fractions: "1/2", "7 3/4", "1⁄32" (fraction slash), "7½"; a slash pair is a fraction only with a
# proper numerator over a usual denominator (else "3/14" is a date and "24/7" a phrase)
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125,
           "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}
_FRACTION_DENOMINATORS = {2, 3, 4, 8, 16, 32, 64, 128}
_FRACTION = (rf"(?<![\w./⁄,])(?P<frac>(?P<whole>\d{{1,4}}\s+(?=\d{{1,3}}\s?[/⁄])|\d{{1,4}}\s?(?=[{''.join(_VULGAR)}]))?"
             rf"(?:(?P<fn>\d{{1,3}})\s?(?P<slash>[/⁄])\s?(?P<fd>\d{{1,3}})|(?P<vulgar>[{''.join(_VULGAR)}]))"
             rf"(?![\d/⁄]|\.\d|,\d))")

SHARE = "%"  # unit of a fraction word; refined to CQE's "% <noun>" ("a third of voters" -> "% voter")
# fraction words: "a third of", "two-thirds of", "half the", "one out of three"
_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                   "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
                   "tenth": 10, "tenths": 10}
_NUMERATOR = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine)"
_FRACTION_WORD = (
    rf"(?<![\w-])(?P<fword>(?P<fnum>{_NUMERATOR})[\s-]+(?P<fden>{_alt(_FRACTION_WORDS)})(?=\s+of\s)"
    rf"|(?<!first )(?<!second )(?<!the )(?<!a )(?P<half>half)(?=\s+(?:of|the|its|their|his|her|our|all)\s)"
    rf"|(?P<outn>{_NUMERATOR}|\d+)\s+out\s+of\s+(?P<outd>\d+|{_alt(list(_SMALL) + list(_TENS))}))(?![\w-])"
)

_ATOM_REST = (
    rf"(?P<num>{_DIGITS}(?:\s?\u00d7\s?10\^?[-\u2212]?\d{{1,3}})?|(?<![\w-])(?:{_WORDNUM})(?![\w]))"
    rf"(?P<scale>(?:\s*-?\s*|\s+)(?:{_SCALE_WORDS})(?:\s+(?:{_SCALE_WORDS}))?(?![\w])|{_SCALE_ABBR}(?![\w])|\s(?:{_SPACED_ABBR})(?![\w]))?"
    rf"|(?<![\w])(?P<a>an?|half(?:\s+an?)?|(?:an?\s+)?quarter(?:\s+of\s+an?)?)\s+"
    rf"(?P<ascale>dozen|hundred|thousand|million|billion|trillion)(?![\w])"
    rf"|(?<![\w])(?P<vague>(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions|billions|"
    rf"trillions))(?:\s+(?:and|or)\s+(?:hundreds|thousands|millions|billions))?"
    rf"(?:\s+of\s+(?:thousands|millions|billions))?(?![\w])"
)
_ATOM = re.compile(rf"{_FRACTION_WORD}|{_FRACTION}|{_ATOM_REST}", re.IGNORECASE)
# most texts have no fraction: the same groups, with the fraction branches switched off ("(?!)" fails at once),
# scan about twice as fast; _FRACTION_HINT picks the full pattern when a fraction may be present
_ATOM_PLAIN = re.compile(rf"(?!){_FRACTION_WORD}|(?!){_FRACTION}|{_ATOM_REST}", re.IGNORECASE)
_FRACTION_HINT = re.compile(rf"half|third|quarter|fourth|fifth|sixth|eighth|tenth|out of|[/\u2044{''.join(_VULGAR)}]",
                            re.IGNORECASE)
_PREFIX_RE = re.compile(rf"(?P<sym>{_alt(re.escape(k) for k in _PREFIX_CURRENCY)})\s?-?$")
_SUFFIX_CUR_RE = re.compile(rf"\s*(?:of\s+)?(?P<cur>{_alt(p for p, _, _ in _SUFFIX_CURRENCY)})(?![\w])", re.IGNORECASE)
_SUFFIX_CUR_LIST = [(re.compile(rf"(?:{p})$", re.IGNORECASE), iso, name) for p, iso, name in _SUFFIX_CURRENCY]
_MINOR_RE = re.compile(rf"\s*(?P<cur>{_alt(p for p, _, _, _ in _MINOR_CURRENCY)})(?![\w])", re.IGNORECASE)
_MINOR_LIST = [(re.compile(rf"(?:{p})$", re.IGNORECASE), iso, name, f) for p, iso, name, f in _MINOR_CURRENCY]
_MINOR_NAMES = {name for _, _, name, factor in _MINOR_CURRENCY if factor < 1}
_UNIT_CI = [(p, n) for p, n, cs in _UNITS if not cs]
_UNIT_CS = [(p, n) for p, n, cs in _UNITS if cs]
_UNIT_RE_CI = re.compile(rf"(?:\s?|\s*-\s*)(?P<unit>{_alt(p for p, _ in _UNIT_CI)})(?![\w])", re.IGNORECASE)
_UNIT_RE_CS = re.compile(rf"\s?(?P<unit>{_alt(p for p, _ in _UNIT_CS)})(?![\w])")
_UNIT_LIST = [(re.compile(rf"(?:{p})$", 0 if cs else re.IGNORECASE), n) for p, n, cs in _UNITS]
_QB_RE = re.compile(rf"(?<![\w])(?P<q>{_alt(p for p, _, _ in _QUAL_BEFORE)})\s*$", re.IGNORECASE)
_QB_LIST = [(re.compile(rf"(?:{p})$", re.IGNORECASE), q, c) for p, q, c in _QUAL_BEFORE]
_QA_RE = re.compile(rf"\s*(?P<q>{_alt(p for p, _, _ in _QUAL_AFTER)})(?![\w])", re.IGNORECASE)
_QA_LIST = [(re.compile(rf"(?:{p})$", re.IGNORECASE), q, c) for p, q, c in _QUAL_AFTER]
_RATE_RE = re.compile(
    r"\s*(?:(?P<per>per|a|an|each|every|/)[\s-]*(?P<pnoun>year|annum|quarter|month|week|day|night|hour|share|barrel|"
    r"ounce|oz|sq m|sq ft|century|decade|gramme|millisecond|"
    r"gallon|litre|liter|person|head|ton|tonne|pound|kilo|kg|gram|game|minute|second|ticket|unit|square foot|"
    r"square metre|square meter|mmbtu|yr|mo|wk)(?!\s+(?:earlier|ago|before|later|after|prior|from|since))"
    r"|(?P<adv>annually|yearly|quarterly|monthly|weekly|daily))(?![\w])",
    re.IGNORECASE,
)
_PER_NOUN_NORMAL = {"annum": "year", "yr": "year", "mo": "month", "wk": "week", "liter": "litre", "tonne": "metric ton",
                    "kg": "kilogram", "kilo": "kilogram", "square meter": "square metre", "night": "day",
                    "mmbtu": "mega british thermal unit", "oz": "ounce", "sq m": "square metre",
                    "sq ft": "square foot", "gramme": "gram"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*(?=[\d$€£¥₹.]|(?:US|A|C|HK|NZ|S)\$)", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|from)\s*$", re.IGNORECASE)


# ISO dates and times, clock times, sports scores ("2-1"): masked before extraction
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\b\d{1,2}:\d{2}(?::\d{2})?\b",
)


def _masked(masks: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in masks)


def _number_value(num: str) -> float | None:
    if "\u00d7" in num:  # scientific notation: "1.99\u00d710\u221230"
        mantissa, _, power = num.partition("\u00d7")
        m = _number_value(mantissa)
        exp = power.strip().lstrip("10").lstrip("^").replace("\u2212", "-")
        return None if m is None else m * 10.0 ** int(exp)
    s = num.strip().lower().replace(",", "")
    if s.startswith("minus"):
        s = "-" + s[5:].lstrip(" -")
    try:
        return float(s)
    except ValueError:
        pass
    parts = re.split(r"[- ]", s)
    total = 0.0
    for p in parts:
        if p in _SMALL:
            total += _SMALL[p]
        elif p in _TENS:
            total += _TENS[p]
        else:
            return None
    return total


def _scale_value(scale: str | None) -> float:
    if not scale:
        return 1.0
    words = [w for w in re.split(r"[\s-]+", scale.strip()) if w]
    out = 1.0
    for w in words:
        out *= _SCALE.get(w, _SCALE.get(w.lower(), 1.0))
    return out


def _vague_bounds(phrase: str) -> tuple[float, float]:
    """"tens of billions" -> (1e10, 1e11); "millions" -> (1e6, 1e7); "dozens" -> (12, 120)."""
    words = phrase.lower().split()
    mags = [w for w in words if w in _VAGUE]
    tens = words[0] in ("tens", "hundreds") and len(words) > 2 and words[1] == "of"
    if tens:
        base = _VAGUE[words[2]] if words[2] in _VAGUE else 1.0
        factor = 10.0 if words[0] == "tens" else 100.0
        low = base * factor
        if words[-2:-1] == ["of"] and words[-1] in _VAGUE and len(words) > 3:
            low = factor * _VAGUE[words[2]] * (_VAGUE[words[-1]] if words[-1] != words[2] else 1.0)
        return low, low * 10
    if "of" in words and len(mags) >= 2:  # "hundreds of thousands"
        low = _VAGUE[mags[0]] * _VAGUE[mags[-1]]
        return low, low * 10
    low = _VAGUE[mags[0]]
    if len(mags) == 2 and ("and" in words or "or" in words):  # "hundreds or thousands"
        return low, _VAGUE[mags[1]] * 10
    return low, low * 10


def singular(word: str) -> str:
    """A plural English noun to its singular, by rule (good enough for unit nouns)."""
    lw = word.lower()
    if lw in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[lw] if word.islower() else word[: 0] + _IRREGULAR_PLURAL[lw]
    if len(word) <= 3 or not lw.endswith("s") or lw.endswith(("ss", "us", "is", "'s", "\u2019s")):
        return word
    if lw.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lw.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def _is_plural(word: str) -> bool:
    lw = word.lower()
    if lw in _IRREGULAR_PLURAL:
        return True
    return len(lw) > 3 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s", "\u2019s"))


def _noun_unit(text: str, pos: int, value: float) -> tuple[str, int] | None:
    """The noun after a count ("13000 workers", "two mosques", "96 Liverpool fans") -> (unit, end)."""
    words = []
    i = pos
    hy = re.match(r"-([a-z]{3,})(?![\w-])", text[pos:pos + 30])
    if hy and hy.group(1) not in _STOP:
        return singular(hy.group(1)), pos + hy.end()
    for _ in range(4):
        m = re.compile(r"[ \t]+").match(text, i)
        if not m:
            break
        w = _WORD_RE.match(text, m.end())
        if not w:
            break
        word = w.group(0).rstrip("'\u2019")
        if word.lower() in _STOP or word.lower() in _MONTHS or word.endswith("ly") and word.islower():
            break
        words.append((word, w.start(), w.start() + len(word)))
        i = w.start() + len(word)
        if _is_plural(word):
            break
    if not words:
        return None
    # the head is the first plural word; with a singular count take the first word only
    for k, (word, _s, e) in enumerate(words):
        if _is_plural(word):
            if word.lower().endswith("ing") or word[0].isupper() and k == 0 and len(words) == 1:
                return None
            mods = [w for w, _, _ in words[:k] if not (w.islower() and w.endswith("ed") and not w.endswith("eed"))]
            if mods and mods[0].lower() in ("new", "more", "other", "extra", "additional", "previous", "straight"):
                mods = mods[1:] if mods[0].lower() in ("more", "other", "extra", "additional", "previous",
                                                       "straight") else mods
            head = word if word[0].isupper() else singular(word)
            unit = " ".join(mods + [head])
            return unit, e
    first = words[0][0]
    if first.islower() and not first.endswith(("ed", "ing", "er", "est")):
        if value == 1 or (len(words) > 1 and words[1][0].islower()):
            return first, words[0][2]
    return None


# --------------------------------------------------------------------------- extraction

class _Q:
    """A quantity under construction (mutable; turned into an Amount at the end)."""

    __slots__ = ("start", "end", "low", "high", "value", "kind", "currency", "unit", "qualifier", "change", "per",
                 "vague", "has_unit", "scaled", "num_start", "num_end")

    def __init__(self, start: int, end: int, value: float):
        self.start, self.end = start, end
        self.num_start, self.num_end = start, end
        self.value = value
        self.low = self.high = value
        self.kind = "count"
        self.currency: str | None = None
        self.unit: str | None = None
        self.qualifier = "exact"
        self.change = "="
        self.per: str | None = None
        self.vague = False
        self.has_unit = False
        self.scaled = False


_AGE_OF = re.compile(r"\bages? of\s+$", re.IGNORECASE)
_GLUED_CODE = re.compile(r"(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CHF|AUD|CAD|HKD|SGD|INR|CNY|RMB|RM|Rs)$")


def _is_date_or_id(text: str, start: int, end: int, num: str, has_scale: bool) -> bool:
    before = text[max(0, start - 20):start]
    after = text[end:end + 12]
    # glued to letters: "COVID-19", "MH17", "G7", "cac40", "5G", "S8", "3D"
    if start > 0 and (text[start - 1].isalpha() or (text[start - 1] == "-" and start > 1 and text[start - 2].isalpha())):
        if _GLUED_CODE.search(text[max(0, start - 4):start]):
            return False  # "USD50", "RM3.06mil": a currency code glued to the figure
        return not re.search(r"(?<![\w])sub-$", text[max(0, start - 5):start], re.I)  # "sub-300 sq m" is a bound
    if not num[0].isdigit() and not num[0] == ".":
        return False
    # ordinals and clock times
    if re.match(r"(?:st|nd|rd|th)\b", after, re.I) or re.match(r"\s?(?:a\.?m\.?|p\.?m\.?)(?![\w])", after, re.I):
        return True
    if re.match(r":\d", after) or re.search(r"\d:$", before):
        return True
    if re.match(r"/\d", after) or re.search(r"\d/$", before):  # dates like 3/14
        return True
    prev = re.search(r"([A-Za-z][A-Za-z.]*)\.?\s+$", before)
    nxt = re.match(r"\s*,?\s*([A-Za-z]+)", after)
    if prev and prev.group(1).lower().rstrip(".") in _MONTHS:
        return True
    # the second day of a date range ("Oct. 18-22") and era-marked years ("A.D. 1000", "300 BC")
    if re.search(rf"\b(?:{'|'.join(_MONTHS)})\.?\s+\d{{1,2}}\s?[-\u2013]\s?$", before, re.I):
        return True
    if re.search(r"\b(?:A\.D\.|AD)\s+$", before) or re.match(r"\s?(?:B\.?C\.?E?|A\.?D\.?|C\.?E\.)(?![\w])", after):
        return True
    if nxt and nxt.group(1).lower() in _MONTHS and not has_scale:
        return True
    digits = num.replace(",", "")
    if re.fullmatch(r"(1[6-9]|20)\d\d", digits) and not has_scale:
        if re.match(r"s\b|'s\b", after):
            return True
        ahead = re.match(r"\s?[-\u2013]\s?(\d+)", after)
        if ahead and not re.fullmatch(r"\d\d|(1[6-9]|20)\d\d", ahead.group(1)):
            return False  # "about 2000 - 2500 calories" is a range, "2014-15" and "2000-2010" are years
        prev_word = prev.group(1).lower() if prev else ""
        if prev_word in ("his", "her", "its", "their", "our", "my", "your"):
            return True  # "his 2023 comments", "its 2019 report"
        if prev_word in ("in", "since", "by", "of", "during", "from", "until", "till", "through", "to", "and",
                         "between", "year", "early", "late", "mid", "before", "after", "ad", "a.d", "bc"):
            return True
        probe = _Q(start, end, 0.0)
        if _tail_unit(text, end, probe, False) != end:
            return False
        nu = _noun_unit(text, end, 2.0)
        return nu is None or any(ch.isupper() for ch in nu[0])
    if prev and not has_scale:
        w = prev.group(1)
        if w.lower() in _ID_WORDS:
            return True
    return False


_NAME_BEFORE = re.compile(r"(?:^|[\s(])([A-Za-z&][\w&.'-]*)\s+$")


def _after_name(text: str, start: int) -> bool:
    """A number right after a capitalised word that is not sentence-initial: a model or index name."""
    m = _NAME_BEFORE.search(text[max(0, start - 30):start])
    if not m:
        return False
    w = m.group(1)
    if not any(ch.isupper() for ch in w) or w.lower().rstrip(".") in _STOP or w.lower() in _QUAL_WORDS:
        return False
    return True


def _tail_unit(text: str, pos: int, q: _Q, allow_abbr_scale: bool) -> int:
    """Read currency/minor currency/unit after the number; return the new end."""
    m = _SUFFIX_CUR_RE.match(text, pos)
    if m and q.currency is not None and len(m.group("cur")) <= 3:
        m = None  # "$1.13 EUR=" is a quote code, not a second currency
    if m:
        surface = m.group("cur")
        for rx, iso, name in _SUFFIX_CUR_LIST:
            if rx.match(surface):
                # "pounds" is money only when scaled ("2 million pounds") or written "pounds sterling"
                q.kind, q.currency, q.unit = "money", iso, name
                q.has_unit = True
                return m.end()
    m = _MINOR_RE.match(text, pos)
    if m and q.currency is None:
        surface = m.group("cur")
        for rx, iso, name, factor in _MINOR_LIST:
            if rx.match(surface):
                q.kind, q.currency, q.unit = "money", iso, name
                q.low = q.high = q.value = q.value * factor
                q.has_unit = True
                return m.end()
    if q.currency is not None:
        return pos
    m_cs, m_ci = _UNIT_RE_CS.match(text, pos), _UNIT_RE_CI.match(text, pos)
    m = max((x for x in (m_cs, m_ci) if x), key=lambda x: x.end(), default=None)
    if m:
        surface = m.group("unit")
        if surface.lower() in ("pounds", "pound") and q.scaled:
            q.kind, q.currency, q.unit, q.has_unit = "money", "GBP", "pound sterling", True
            return m.end()
        if surface == "m" and q.scaled:
            return pos
        for rx, name in _UNIT_LIST:
            if rx.match(surface):
                q.unit, q.has_unit = name, True
                q.kind = "percent" if name == "percentage" else "count"
                if surface.isupper() and len(surface) == 3 and name in _CURRENCY_BY_NAME:
                    q.kind, q.currency = "money", _CURRENCY_BY_NAME[name]
                return m.end()
    return pos


def _head_currency(text: str, start: int) -> tuple[str, int] | None:
    before = text[max(0, start - 6):start]
    m = _PREFIX_RE.search(before)
    if not m:
        return None
    sym = m.group("sym")  # without the space or the dash between it and the figure ("$-1/4")
    if sym[0].isalpha() and m.start() > 0 and before[m.start() - 1].isalpha():
        return None
    return _PREFIX_CURRENCY[sym], start - len(before) + m.start()


def _fraction_value(m: re.Match) -> float | None:
    whole = float(m.group("whole").strip()) if m.group("whole") else 0.0
    if m.group("vulgar"):
        return whole + _VULGAR[m.group("vulgar")]
    n, d = int(m.group("fn")), int(m.group("fd"))
    if d == 0 or (m.group("slash") == "/" and (d not in _FRACTION_DENOMINATORS or n >= d)):
        return None
    return whole + n / d


def _fraction_word_value(m: re.Match) -> float | None:
    if m.group("half"):
        return 0.5
    if m.group("outn"):
        n, d = _number_value(m.group("outn")), _number_value(m.group("outd"))
        return n / d if n is not None and d else None
    num = m.group("fnum").lower()
    n = 1.0 if num in ("a", "an") else _number_value(num)
    return None if n is None else n / _FRACTION_WORDS[m.group("fden").lower()]


def _parse_atom(text: str, m: re.Match) -> _Q | None:
    if m.group("fword") and m.group("fword").strip():
        v = _fraction_word_value(m)
        if v is None:
            return None
        q = _Q(m.start(), m.end(), v)
        q.unit, q.has_unit = SHARE, True  # a share of something; the parse names what (see refine_units)
        return q
    if m.group("frac"):
        v = _fraction_value(m)
        return _Q(m.start(), m.end(), v) if v is not None else None
    if m.group("vague"):
        low, high = _vague_bounds(m.group("vague"))
        q = _Q(m.start(), m.end(), low)
        q.low, q.high = low, high
        q.vague, q.qualifier, q.scaled = True, "vague", True
        return q
    if m.group("a"):
        v = _SCALE.get(m.group("ascale").lower(), 12.0 if m.group("ascale").lower() == "dozen" else 1.0)
        lead = m.group("a").lower()
        v *= 0.5 if lead.startswith("half") else 0.25 if "quarter" in lead else 1.0  # "half a million"
        q = _Q(m.start(), m.end(), v)
        q.scaled = True
        return q
    num = m.group("num")
    v = _number_value(num)
    if v is None:
        return None
    scale = m.group("scale")
    if scale and scale.strip() in ("b", "B", "m", "M", "k", "K") and not scale.startswith((" ", "-")):
        pass
    sv = _scale_value(scale)
    q = _Q(m.start(), m.end(), v * sv)
    q.scaled = bool(scale)
    return q


def _stated(q: _Q) -> float:
    return q.value


def extract(text: str, doc_id: str = "", *, all_numbers: bool = False) -> list[Amount]:
    """Every quantity in ``text`` as an :class:`Amount`, sorted by offset.

    With ``all_numbers=True`` bare numbers without any unit are returned too
    (``kind="count"``, ``unit=None``), as the NewsQuant benchmark counts them.
    """
    if not text:
        return []
    found: list[_Q] = []
    masks = [(mm.start(), mm.end()) for mm in _DATE_TIME.finditer(text)]
    atoms = _ATOM if _FRACTION_HINT.search(text) else _ATOM_PLAIN
    for m in atoms.finditer(text):
        q = _parse_atom(text, m)
        if q is None:
            continue
        num = m.group("num") or ""
        # abbreviated scale letters ("m", "b", "k" glued) only count for money or "k"
        scale = m.group("scale") or ""
        cur = _head_currency(text, m.start())
        if scale in ("m", "M") and cur is None and re.match(r" (?:of |[a-z]{3,})", text[m.end():m.end() + 6]) \
                and not re.match(r" (?:and|or|to|in|from|on|at|high|long|wide|deep|tall|away|above|below)\b",
                                 text[m.end():m.end() + 7]):
            pass
        elif scale and scale in ("m", "M", "b", "B") and cur is None:
            # "5m" is five metres, not five million, without a currency
            end = m.start("scale")
            q = _Q(m.start(), end, _number_value(num) or 0.0)
        if num and not q.scaled and cur is None and _is_date_or_id(text, m.start(), q.end, num, False):
            continue
        if num and cur is None and _masked(masks, m.start()):
            continue
        if num and num.lower() == "one":
            prev = re.search(r"(\w+)\s+$", text[max(0, m.start() - 15):m.start()])
            if prev and prev.group(1).lower() in _DETERMINER_BEFORE_ONE:
                continue
            if re.match(r"\s+(?:another|anyway)\b", text[q.end:q.end + 10]):
                continue
        if cur is not None:
            q.kind, q.currency = "money", cur[0]
            q.unit = _currency_unit_name(cur[0])
            q.has_unit = True
            q.start = cur[1]
        end = _tail_unit(text, q.end, q, allow_abbr_scale=cur is not None)
        if q.currency is not None and cur is not None:
            # "$76 US", "$5 USD"
            mm = re.match(r"\s?(?:US|USD|U\.S\.)(?![\w])", text[end:end + 5])
            if mm:
                end += mm.end()
        q.end = end
        if not q.has_unit and not q.scaled and num and _after_name(text, q.start):
            continue
        found.append(q)
    found = _join_minor(text, _merge_ranges(text, found))
    out: list[_Q] = []
    for q in found:
        _qualify(text, q)
        if not q.has_unit:
            pos = q.end
            if q.vague or q.scaled:
                mo = re.match(r"\s+of(?=\s)", text[pos:pos + 4])
                pos = pos + mo.end() if mo else pos
            nu = _noun_unit(text, pos, q.value)
            if nu is not None:
                q.unit, q.end = nu
                q.has_unit = True
                q.kind = "count"
        _rate(text, q)
        if q.unit in ("year", "month", "week") and _AGE_OF.search(text[max(0, q.start - 8):q.start]):
            q.unit = f"{q.unit} of age"  # "under the age of 5 years"
        if not q.has_unit:
            _infer_unit(text, q, [p for p in out if p.has_unit])
        out.append(q)
    _suspended_hyphens(text, out)
    _share_bounds(text, out)
    if not all_numbers:
        out = [q for q in out if q.has_unit]
    amounts = []
    for q in out:
        lo, hi = q.low, q.high
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        if q.qualifier in ("more_than", "at_least"):
            hi = None
        elif q.qualifier in ("less_than", "at_most"):
            lo = None
        t = text[q.start:q.end]
        amounts.append(Amount(
            id=content_id("amt", doc_id, q.start, q.end, t), doc=doc_id, start=q.start, end=q.end, text=t,
            kind=q.kind, currency=q.currency, unit=q.unit, low=lo, high=hi, qualifier=q.qualifier, per=q.per,
            change=q.change,
        ))
    amounts.sort(key=lambda a: (a.start, a.end))
    return amounts


_CURRENCY_NAMES = {"USD": "dollar", "AUD": "australian dollar", "CAD": "canadian dollar", "HKD": "hong kong dollar",
                   "NZD": "new zealand dollar", "SGD": "singapore dollar", "BRL": "brazilian real", "EUR": "euro",
                   "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan", "INR": "indian rupee",
                   "KRW": "south korean won", "CHF": "swiss franc", "ILS": "shekel", "MYR": "malaysian ringgit",
                   "RUB": "russian ruble", "TRY": "turkish lira", "SEK": "swedish krona", "NOK": "norwegian krone",
                   "DKK": "danish krone", "ZAR": "south african rand", "MXN": "mexican peso", "NGN": "nigerian naira",
                   "BTC": "bitcoin", "CRC": "costa rican colón", "GEL": "georgian lari", "LAK": "lao kip"}


_CURRENCY_BY_NAME = {v: k for k, v in _CURRENCY_NAMES.items()} | {"croatian kuna": "HRK"}


def _currency_unit_name(iso: str) -> str:
    return _CURRENCY_NAMES.get(iso, iso.lower())


def _join_minor(text: str, qs: list[_Q]) -> list[_Q]:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents" -> one amount (3.50, 13.45)."""
    out: list[_Q] = []
    for q in qs:
        p = out[-1] if out else None
        if p is not None and p.kind == "money" and q.kind == "money" and q.unit in _MINOR_NAMES \
                and p.unit not in _MINOR_NAMES and p.qualifier == "exact" and not p.scaled \
                and re.fullmatch(r"\s+(?:and\s+)?", text[p.end:q.start]) and q.value < 1 \
                and re.search(r"[A-Za-z]$", text[p.start:p.end]):  # "3 dollars 50 cents", not "$5 and 20 cents"
            p.value += q.value
            p.low = p.high = p.value
            p.end = q.end
            continue
        out.append(q)
    return out


def _merge_ranges(text: str, qs: list[_Q]) -> list[_Q]:
    """"$5-7 billion", "between 15kHz and 17kHz", "1 to 1.5 degrees" -> one range quantity."""
    out: list[_Q] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            gap = text[a.end:b.start]
            sep = re.fullmatch(r"\s*(?:-|–|—|to|and)\s*", gap, re.IGNORECASE)
            between = _BETWEEN.search(text[max(0, a.start - 9):a.start])
            word_sep = sep and not re.fullmatch(r"\s*and\s*", gap, re.I)
            tight = re.fullmatch(r"\s?[-–—]\s?", gap) is not None
            if re.fullmatch(r"[-–]", gap) and not a.has_unit and not b.has_unit and a.value == int(a.value) \
                    and b.value == int(b.value) and (a.value <= 20 and b.value <= 20 or a.value == b.value) \
                    and not b.scaled:
                i += 2  # a score ("2-1"), not a quantity
                continue
            if a.vague or b.vague:
                compatible = False
            elif not a.has_unit or (a.unit == b.unit and a.currency == b.currency):
                compatible = True
            else:  # "$5-7 billion", "$5 to 7 billion": the second end borrows the first's currency
                compatible = not b.has_unit and a.currency is not None and (tight or b.scaled)
                if compatible:
                    b.kind, b.currency, b.unit, b.has_unit = a.kind, a.currency, a.unit, True
            to_sep = sep and re.search(r"to", gap, re.I) is not None
            if to_sep and not between:
                pw = re.search(r"([A-Za-z]+)\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?$", text[max(0, a.start - 25):a.start])
                by = re.search(r"\bby\s+(?:about\s+|nearly\s+|some\s+)?$", text[max(0, a.start - 25):a.start], re.I)
                if by or pw and (pw.group(1).lower() in _UP or pw.group(1).lower() in _DOWN):
                    # "rose 5% to ...", "raised its cost by $7.7 billion to $40 billion": a change, then a level
                    compatible = False
            if re.fullmatch(r"\s*or\s*", gap, re.I) and not a.has_unit and b.has_unit and not a.vague:
                a.kind, a.currency, a.unit, a.has_unit = b.kind, b.currency, b.unit, True
                if b.unit in _MINOR_NAMES:
                    a.value = a.low = a.high = a.value * 0.01
            if sep and compatible and (word_sep or between):
                lo_v, hi_v = a.value, b.value
                bf = _scale_factor(b)
                if not a.scaled and b.scaled and lo_v <= hi_v / bf and lo_v != 0:
                    # "$5-7 billion": the scale of the second end applies to the first
                    lo_v = lo_v * _scale_factor(b)
                merged = _Q(a.start, b.end, lo_v)
                merged.low, merged.high = min(lo_v, hi_v), max(lo_v, hi_v)
                merged.value = lo_v
                merged.kind, merged.currency, merged.unit = b.kind, b.currency or a.currency, b.unit
                merged.has_unit, merged.scaled = b.has_unit, b.scaled
                merged.qualifier = "range"
                if between:
                    merged.start = a.start - (len(text[max(0, a.start - 9):a.start]) - between.start())
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _scale_factor(b: _Q) -> float:
    # recover the scale of b from its value and number text is not kept; use the magnitude of b
    import math

    if b.value <= 0:
        return 1.0
    for s in (1e12, 1e9, 1e6, 1e3):
        if b.value >= s and math.isclose(b.value / s, round(b.value / s, 6)):
            return s
    return 1.0


def _qualify(text: str, q: _Q) -> None:
    before = text[max(0, q.start - 24):q.start]
    m = _QB_RE.search(before)
    if m and q.qualifier != "range":
        surface = m.group("q")
        for rx, qual, change in _QB_LIST:
            if rx.match(surface):
                if qual != "exact":
                    q.qualifier = qual if not q.vague else "vague"
                    q.change = change
                q.start -= len(before) - m.start()
                break
        before = text[max(0, q.start - 24):q.start]
    elif m and q.qualifier == "range":
        # "about 2000-2500 calories": the range stays a range, its change is approximate
        if any(rx.match(m.group("q")) and qual == "about" for rx, qual, _ in _QB_LIST):
            q.change = "~"
            q.start -= len(before) - m.start()
        before = text[max(0, q.start - 24):q.start]
    ma = _QA_RE.match(text, q.end)
    if ma and q.qualifier == "exact":
        surface = ma.group("q")
        for rx, qual, change in _QA_LIST:
            if rx.match(surface):
                q.qualifier, q.change = qual, change
                q.end = ma.end()
                break
    if re.search(r"(?<![\w])sub-$", text[max(0, q.start - 5):q.start], re.I) and q.qualifier == "exact":
        q.qualifier, q.change, q.start = "less_than", "<", q.start - 4  # "sub-7 nanometer chips"
    # change direction: a verb of rising/falling right before ("rose 5%", "was down 19 cents", "fell by 2%")
    w = re.search(r"([A-Za-z]+)\s+(?:by\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+|just\s+|another\s+)?$",
                  before)
    if w:
        verb = w.group(1).lower()
        if verb == "by":
            w2 = re.search(r"([A-Za-z]+)\s+by\s+$", before)
            verb = w2.group(1).lower() if w2 else ""
        # a bound the text states wins over the move's direction ("lost more than 60%" is ">")
        if q.change != "=":
            pass
        elif verb in _UP and verb != "by":
            if not (verb == "up" and re.search(r"up\s+to\s+$", before, re.I)):
                q.change = "up"
        elif verb in _DOWN:
            q.change = "down"
    # market tables sign their moves: "Dow +0.2%", "FTSE -0.6%"
    if q.change == "=" and q.kind == "percent" and q.qualifier == "exact":
        if q.start > 0 and text[q.start - 1] == "+" and (q.start < 2 or not text[q.start - 2].isalnum()):
            q.start -= 1
            q.change = "up"
        elif q.value < 0:
            q.change = "down"
    if q.vague:
        q.qualifier = "vague"
        q.change = "="
    if q.qualifier == "range":
        q.change = q.change if q.change in ("up", "down", "~") else "="


_ELLIPSIS_GAP = re.compile(r"[^.;!?()]{0,40}?\b(?:and|or|from|to|versus|vs\.?|compared (?:with|to)|up from|down from|"
                           r"including|of which|of them|while|whilst|whereas|but)"
                           r"\b[^.;!?()]{0,12}$", re.IGNORECASE)


def _infer_unit(text: str, q: _Q, previous: list[_Q]) -> None:
    """Ages ("Senard, 65, said", "aged 40") and ellipsis ("435 homes ... and 187") for unit-less numbers."""
    if q.scaled is False and q.value == int(q.value) and 0 < q.value < 120:
        if re.search(r"\baged?\s+$|\bages? of\s+$", text[max(0, q.start - 8):q.start], re.I) or (
                re.search(r"[A-Z][a-z]+,\s$", text[max(0, q.start - 20):q.start]) and text[q.end:q.end + 1] == ","):
            q.unit, q.has_unit = "year of age", True
            return
    if previous:
        p = previous[-1]
        gap = text[p.end:q.start]
        if p.has_unit and p.kind == "count" and p.unit \
                and not p.unit.startswith(("year", "month", "week", "day")) and _ELLIPSIS_GAP.fullmatch(gap):
            q.unit, q.has_unit, q.kind, q.currency = p.unit, True, p.kind, p.currency


_CONVERSION_GAP = re.compile(r"\s*\(\s*(?:about\s+|around\s+|approx\.?\s+)?|\s*/\s*")
_OR_GAP = re.compile(r",?\s+or\s+")
_BOUNDS = ("more_than", "at_least", "less_than", "at_most", "about")


def _share_bounds(text: str, qs: list[_Q]) -> None:
    """A conversion in brackets keeps the bound of the figure it converts ("more than 100 km (60 miles)" -> both
    ">"), and a restatement after "or" keeps the move ("lost 190 points, or 0.6%" -> both down)."""
    for p, q in zip(qs, qs[1:]):
        gap = text[p.end:q.start]
        if q.qualifier == "exact" and p.qualifier in _BOUNDS and _CONVERSION_GAP.fullmatch(gap) and (
                "(" in gap or "(" in text[max(0, p.start - 2):p.start + 1]):
            q.qualifier, q.change = p.qualifier, p.change
        elif q.change == "=" and p.change in ("up", "down") and q.kind == "percent" and _OR_GAP.fullmatch(gap):
            q.change = p.change


_SUSPENDED = re.compile(r"-,?\s+(?:(?:or|and|to)\s+)?$")


def _suspended_hyphens(text: str, qs: list[_Q]) -> None:
    """"a 7- or 8-inch screen", "four-, five- and six-cylinder": a number left hanging on a hyphen takes the unit
    of the next number in the series."""
    for i in range(len(qs) - 2, -1, -1):
        q, nxt = qs[i], qs[i + 1]
        if q.has_unit or not nxt.has_unit or nxt.kind == "money":
            continue
        if _SUSPENDED.fullmatch(text[q.end:nxt.start]) or (
                re.fullmatch(r"-,\s*", text[q.end:nxt.start]) and i + 2 < len(qs)):
            q.unit, q.has_unit, q.kind, q.currency = nxt.unit, True, nxt.kind, nxt.currency


_ASIDE = re.compile(r"\s*\([^()]{1,40}\)|\s*\)")


def _rate(text: str, q: _Q) -> None:
    """"$37.5 billion annually", "£24 a month"; also read across a converted aside, without covering it:
    "9 billion shekels ($2.4 billion) a year" puts both figures per year."""
    m = _RATE_RE.match(text, q.end)
    extend = m is not None
    if not m:
        aside = _ASIDE.match(text, q.end)
        m = _RATE_RE.match(text, aside.end()) if aside else None
        if not m or not re.match(r"\s", text[m.start():m.start() + 1]):
            return
    if m.group("adv"):
        q.per = _RATE_WORDS[m.group("adv").lower()]
        q.end = m.end() if extend else q.end
        return
    noun = m.group("pnoun").lower()
    noun = _PER_NOUN_NORMAL.get(noun, noun)
    if noun in ("year", "quarter", "month", "week", "day"):
        q.per = noun
    if q.unit is None and not q.has_unit:
        return
    q.unit = f"{q.unit} per {noun}"
    q.end = m.end() if extend else q.end


# --------------------------------------------------------------------------- refinement with a parse

# CQE reads the unit of a count from the dependency parse: the noun the number modifies, with its
# modifiers, lemmatised ("two smaller tenancies" -> "small tenancy"; "one of the best wireless
# speakers" -> "good wireless speaker"). The regex grammar above cannot see heads, so counts are
# refined here when a parsed spaCy Doc is at hand (the ledger stage, the evaluation). Nothing in this
# section imports spaCy: it only reads the Doc it is given.
_MEASURE_NAMES = frozenset(
    {n for _, n, _ in _UNITS} | {n for _, _, n in _SUFFIX_CURRENCY} | {n for _, _, n, _ in _MINOR_CURRENCY}
    | set(_CURRENCY_NAMES.values()) | {"year of age", "month of age", "week of age", "day of age"}
)
_NOUN_POS = ("NOUN", "PROPN")
_LEFT_MOD_DEPS = ("amod", "compound", "nmod", "nummod")
_KEEP_POS = ("NOUN", "PROPN", "ADJ", "NUM", "X")
_MAX_HEAD_DISTANCE = 6  # tokens between a number and the noun it counts
# a bare number right after a name that governs it is part of an identifier ("iPhone 11", "FTSE 100")
_NAME_NUMBER_DEPS = ("nummod", "appos", "npadvmod", "compound", "nmod")


_GLUED_MEASURE = re.compile(r"\d[\d.,]*[A-Za-z]+")
_YEAR = re.compile(r"1\d\d\d|20\d\d|21\d\d")


_VULGAR_CHARS = "".join(_VULGAR)
_NUMBER_TOKEN = re.compile(rf"[-+\u2212]?[\d.,/\u2044{_VULGAR_CHARS}]*\d[\d.,/\u2044]*|[{_VULGAR_CHARS}]")


def _number_tokens(span) -> list:
    # the tagger's NUM also covers glued units ("10kW"), so a token must read as a number itself
    return [t for t in span
            if t.like_num or t.lower_ in _VAGUE or t.lower_ in _SCALE or _NUMBER_TOKEN.fullmatch(t.text)]


def _is_noun_unit(a: Amount) -> bool:
    if a.currency is not None or a.kind != "count":
        return False
    if a.unit is None:
        return True
    return a.unit not in _MEASURE_NAMES and a.unit.split(" per ")[0] not in _MEASURE_NAMES


def _surface(tokens) -> str:
    """Lemmatised, lower-cased words of a unit noun phrase; hyphenated words stay joined."""
    out = ""
    prev = None
    for t in tokens:
        if t.pos_ in ("NOUN", "ADJ", "VERB"):
            word = t.lemma_.lower()
        elif t.tag_ == "NNPS":  # "World Cups": the tagger keeps plural proper nouns as they are
            word = singular(t.text).lower()
        else:
            word = t.lower_
        if prev is not None:
            doc = t.doc
            hyphen = t.i == prev.i + 2 and doc[prev.i + 1].text in ("-", "\u2013") and not prev.whitespace_ \
                and not doc[prev.i + 1].whitespace_
            out += "-" if hyphen else "" if (t.i == prev.i + 1 and not prev.whitespace_) else " "
        out += word
        prev = t
    return out.strip(" -")


def _unit_tokens(head, skip: set[int], of_phrase: bool, one_of: bool = False) -> list:
    """The head noun and its left modifiers ("one of the best wireless speakers" -> best wireless speakers)."""
    words = [head]
    mod_deps = _LEFT_MOD_DEPS + ("poss",) if of_phrase else _LEFT_MOD_DEPS
    for child in head.children:
        if child.i < head.i and child.dep_ in mod_deps and child.i not in skip and child.pos_ != "VERB":
            # a glued measure ("250ml bottles") describes the thing counted, it is not part of its name
            words += [t for t in child.subtree if t.i not in skip and t.pos_ in _KEEP_POS
                      and not _GLUED_MEASURE.fullmatch(t.text)]
    if one_of:  # "one of the hottest cars in the world": CQE's one-of units keep the place or whole ("car world")
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in") and prep.i > head.i:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in _NOUN_POS:
                        words += [pobj] + [t for c in pobj.children if c.i < pobj.i and c.dep_ in _LEFT_MOD_DEPS
                                           and c.pos_ != "VERB" for t in c.subtree if t.pos_ in _KEEP_POS]
    return sorted(set(words), key=lambda t: t.i)


def _counted_noun(nums: list, doc):
    """The noun a number counts, and whether it is reached through "of" ("one of the X", "millions of X")."""
    top = nums[-1]
    while top.head.i != top.i and top.head.i in {t.i for t in nums}:
        top = top.head
    if top.dep_ in ("nummod", "quantmod") and top.head.pos_ in _NOUN_POS and 0 < top.head.i - top.i \
            <= _MAX_HEAD_DISTANCE and not top.head.like_num:
        return top.head, False
    for child in top.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == top.i + 1:
            pobj = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in _NOUN_POS), None)
            if pobj is not None and not pobj.like_num:
                return pobj, True
    return None, False


def _name_number(nums: list, doc) -> bool:
    first = nums[0]
    if first.i == 0:
        return False
    prev = doc[first.i - 1]
    if prev.pos_ not in _NOUN_POS or prev.is_punct or prev.lower_ in _QUAL_WORDS:
        return False
    governs = (first.head.i == prev.i and first.dep_ in _NAME_NUMBER_DEPS) or (
        prev.head.i == first.i and prev.dep_ in ("compound", "nmod"))
    return governs and (any(ch.isupper() for ch in prev.text) or prev.dep_ == "compound")


def _share_of(a: Amount, span, text: str) -> Amount:
    """"two-thirds of the combined sales" -> unit "% combined sale"; the noun phrase right after the fraction."""
    doc = span.doc
    # the sentence's chunks only (Span.noun_chunks would compute all of the document's first)
    for start, end, _label in doc.noun_chunks_iterator(span.sent):
        chunk = doc[start:end]
        if chunk.root.i >= span.end and chunk.start - span.end <= 2 and chunk.root.pos_ in _NOUN_POS:
            head = chunk.root
            words = _unit_tokens(head, {t.i for t in span}, True)
            words = [t for t in words if t.i >= max(chunk.start, span.end)]
            unit = f"{SHARE} {_surface(words)}" if words else a.unit
            end = head.idx + len(head.text)
            t = text[a.start:end]
            return replace(a, unit=unit, end=end, text=t, id=content_id("amt", a.doc, a.start, end, t))
        if chunk.start > span.end + 2:
            break
    return a


def refine_units(amounts: Iterable[Amount], doc) -> list[Amount]:
    """Refine the regex extractor's counts with a parsed spaCy ``doc`` over the same text.

    * A count gets the noun it counts as unit: the head noun the number modifies (or the object
      of "one of"/"millions of"), its adjective and compound modifiers, lemmatised and lower-cased
      as CQE normalises them ("one of" units keep the noun's "of"/"in" place or whole); the span grows to
      cover that noun. A fraction word ("two-thirds of the banks") gets "% " + the noun phrase after it; a part
      shares the unit of the whole it is taken from; a unit the regex borrowed from a neighbour yields to the
      number's own noun.
    * A bare number (no unit) that a preceding name governs, or that names a singular proper noun, is an
      identifier ("sp 500", "787 Dreamliner") and is dropped; so is a year the tagger reads as a date.

    Money, percentages and measurement units are returned unchanged, as is everything when
    ``doc`` has no dependency parse. Offsets are kept: ``text[start:end] == amount.text``.
    """
    amounts = list(amounts)
    if doc is None or not len(doc) or not doc.has_annotation("DEP"):
        return amounts
    text = doc_text(doc)
    out = []
    for a in amounts:
        if a.currency is not None or a.kind != "count":
            out.append(a)
            continue
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if a.unit == SHARE and span is not None:
            out.append(_share_of(a, span, text))
            continue
        nums = _number_tokens(span) if span is not None else []
        # a unit the regex inferred from a neighbour ("138 yards and 2 TDs") yields to the noun the parse sees
        borrowed = a.unit is not None and bool(nums) and all(t.i < nums[-1].i or t in nums for t in span)
        if not nums or not (_is_noun_unit(a) or borrowed):
            out.append(a)
            continue
        if a.unit is None and _name_number(nums, doc):
            continue
        if len(nums) == 1 and _YEAR.fullmatch(nums[0].text) and nums[0].ent_type_ == "DATE" and (
                a.unit is None or _is_noun_unit(a)):
            continue  # "1988 sales", "the 1988 quarter": the tagger reads a year, not a count
        head, of_phrase = _counted_noun(nums, doc)
        if head is not None and head.tag_ == "NNP" and not of_phrase:
            if a.unit is None:
                continue  # a number naming a singular proper noun: "787 Dreamliner", "358 El Brillo Way"
            head = None
        if head is None or len(head.text) < 3 or not head.text.isalpha():
            out.append(a)  # "35m", "5G", "2.5 F": abbreviations are the unit table's business, not the parser's
            continue
        owner = next((b for b in amounts if b is not a and b.start <= head.idx < b.end and b.unit), None)
        if of_phrase and owner is not None and a.unit is None:
            # "280 million of the 1.5 billion shekels": the part shares the whole's unit
            out.append(replace(a, kind=owner.kind, currency=owner.currency, unit=owner.unit))
            continue
        if head.lemma_.lower() in _MEASURE_NAMES:  # "1/16 of a US pint" -> pint
            if a.unit is None or (borrowed and head.i == nums[-1].i + 1):
                out.append(replace(a, unit=head.lemma_.lower()))
            else:
                out.append(a)
            continue
        one_of = of_phrase and len(nums) == 1 and nums[0].lower_ in _SMALL
        words = _unit_tokens(head, {t.i for t in nums} | {t.i for t in span if t.i < nums[0].i}, of_phrase, one_of)
        unit = _surface(words)
        if not unit or not any(t.pos_ in _NOUN_POS for t in words):
            out.append(a)
            continue
        if a.per and not unit.endswith(f" per {a.per}"):
            unit = f"{unit} per {a.per}"
        end = max(a.end, head.idx + len(head.text))
        t = text[a.start:end]
        out.append(replace(a, unit=unit, end=end, text=t, id=content_id("amt", a.doc, a.start, end, t)))
    return out


def text_order(a: Amount) -> tuple[float, float] | None:
    """The two ends of a range as the text gives them ("from 4.8 to 4.7 percent" -> (4.8, 4.7)); None otherwise."""
    if a.qualifier != "range" or a.low is None or a.high is None:
        return None
    values = []
    for m in _ATOM.finditer(a.text):
        q = _parse_atom(a.text, m)
        if q is not None:
            values.append(q.value)
    if len(values) == 2 and values[0] > values[1] and not (values[0] > values[1] * 1e2):
        # descending as written; a far larger first end is a shared scale ("$5-7 billion" reads 5, 7e9)
        return (a.high, a.low)
    return (a.low, a.high)


def stated_value(a: Amount) -> float | tuple[float, float] | None:
    """The number the text states: a (low, high) pair for ranges and vague magnitudes, else one value."""
    if a.qualifier in ("range", "vague") and a.low is not None and a.high is not None:
        return (a.low, a.high)
    return a.low if a.low is not None else a.high


__all__ = ["extract", "refine_units", "singular", "stated_value", "text_order"]
