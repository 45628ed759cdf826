"""The vocabulary and regular expressions of the temporal tagger, compiled once at import.

Conventions follow the TimeML/TimeBank guidelines for extents: determiners and
quantity modifiers belong to the expression ("the past two years", "almost seven
years"), prepositions do not ("in 2009" -> "2009"; "since 2019" -> "2019", with the
bound kept as ``mod``). Month and weekday names must be capitalised, which keeps
"may", "march" and "sun" out.
"""

from __future__ import annotations

import re

FLAGS = re.IGNORECASE

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI", "noon": "MI",
                "overnight": "NI"}

UNITS = {
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "month": "month", "months": "month", "mo": "month",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "day": "day", "days": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    "quarter": "quarter", "quarters": "quarter", "fortnight": "fortnight", "fortnights": "fortnight",
    "night": "night", "nights": "night", "weekend": "weekend", "weekends": "weekend",
    "semester": "semester", "semesters": "semester",
}

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21, "twenty-second": 22,
}
VAGUE = {"a few", "few", "several", "some", "many", "numerous", "a number of", "dozens of", "hundreds of",
         "countless", "multiple", "a handful of", "various"}

# --- building blocks (strings, combined below) --------------------------------------------------
_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
                r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER")
_MONTH_BODY = (r"(?:" + _MONTH_NAMES + r")(?![\w])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![\w.]))")
MONTH = r"(?-i:" + _MONTH_BODY + ")"
# in whatever case the pattern around it takes: for text that is no sentence (a page's stamp, "1 may , 2009"),
# where "may" cannot be the modal
MONTH_ANY_CASE = r"(?:" + _MONTH_BODY + ")"
WEEKDAY = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)(?!\w))"
WEEKDAYS_PLURAL = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s(?!\w))"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_SMALLW = "|".join(sorted(SMALL, key=len, reverse=True))
_TENSW = "|".join(TENS)
NUMWORD = rf"(?:(?:{_TENSW})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)(?!\w))?|(?:{_SMALLW})|(?:a|one)\s+hundred|a\s+dozen|dozen)(?!\w)"
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d|\s*½)?|\d+\s*-\s*\d+|{NUMWORD}(?:\s+and\s+a\s+half)?|a\s+couple(?:\s+of)?|couple\s+of|a\s+half|half\s+an?|an?(?!\w)(?:\s+and\s+a\s+half)?)"
VAGUEQ = r"(?:a\s+few|few|several|some|many|numerous|a\s+number\s+of|dozens\s+of|hundreds\s+of|countless|multiple|a\s+handful\s+of|various)"
UNIT = r"(?:years?|yrs?|months?|weeks?|wks?|days?|hours?|hrs?|h|minutes?|mins?|seconds?|secs?|decades?|centur(?:y|ies)|quarters?|fortnights?|nights?|weekends?)(?!\w)"
UNIT_NOQ = r"(?:years|months|weeks|days|hours|minutes|seconds|decades|centuries)(?!\w)"

_ORDW = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


# "May 3-5, 2010": the year that closes a day range
YEAR_AFTER_RANGE = re.compile(rf"\s*(?:[-\u2013]|and|or|to|through)\s*(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s*,?\s*(?P<y>{YEAR})(?!\d)", re.IGNORECASE)
# "between January and March 2003", "from June to August 2010": the second month's year is the first's
MONTH_YEAR_AFTER_RANGE = re.compile(rf"\s*(?:[-\u2013]|and|or|to|through|until|till)\s*{MONTH}\s*,?\s*(?P<y>{YEAR})(?!\d)",
                                    re.IGNORECASE)
# "April 24 and" / "May 3-": what must come before the second day of a list of days
DAY_LIST_BEFORE = re.compile(rf"(?P<mon>{MONTH})\s+(?P<d>(?:3[01]|[12]\d|0?[1-9]))(?:st|nd|rd|th)?"
                             r"(?:\s+(?:and|or|to|through|until)\s+|\s*[-\u2013]\s*)$", re.IGNORECASE)


def _c(pattern: str) -> re.Pattern[str]:
    # every expression starts at a word start: the lookbehind lets the engine skip the
    # other positions cheaply (about 2x faster over news text)
    return re.compile(r"(?<!\w)(?:" + pattern + ")", FLAGS)


# --- the rules: name -> pattern. Longest match wins; ties go to the earlier rule. ------------------
PATTERNS: dict[str, re.Pattern[str]] = {
    # 2024-10-18, 2024-10-18T14:27, 10/18/2024, 18.10.2024 is left out (ambiguous with numbers)
    "iso": _c(rf"(?<![\d/.-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
              r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?(?![\d-])"),
    "slash": _c(rf"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>{YEAR}|\d\d)(?![\d/])"),
    # (Friday,) October 18(th)(,) (2024)
    "mdy": _c(rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<day>{DAYNUM})(?!\s*(?:%|percent|million|billion|people|km|miles))"
              rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR})(?!\d))?"),
    # (Friday,) 18 October (2024), the 18th of October
    "dmy": _c(rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{DAYNUM})(?:\s+of)?\s+(?P<mon>{MONTH})"
              rf"(?:\s*,?\s+(?P<y>{YEAR})(?!\d))?"),
    "month_year": _c(rf"(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?:(?P<y>{YEAR})(?!\d)|'(?P<yy>\d\d)(?!\d))"),
    "month": _c(rf"(?:(?P<rel>last|this|next|past|previous|coming|following)\s+)?(?P<mon>{MONTH})(?!\s*\d)"
                rf"(?:\s+(?P<ry>this|last|next)\s+year)?"),
    "year": _c(rf"(?<![\w$£€#/.,'])(?<!\d-)(?:(?P<ce>AD|A\.D\.)\s+)?(?P<y>{YEAR})(?:'s)?(?![\w%]|\.\d|,\d|\s*(?:%|percent))(?!-year)"),
    "year_suffix": _c(r"(?<=\d{4}[-–/])(?P<yy>\d\d)(?![\w%])"),
    "fiscal": _c(rf"(?:fiscal(?:\s+year)?\s+(?P<y>{YEAR})|(?-i:FY)\s?(?P<y2>{YEAR}|\d\d))(?!\d)(?:'s)?"),
    "fiscal_rel": _c(r"(?:the\s+)?(?P<rel>this|last|next|current|previous|coming|latest|past|the)?\s*fiscal\s+year(?!\s+\d)"),
    "decade": _c(r"(?:(?P<c>1[0-9]|20)?(?P<d>\d)0'?s|'(?P<d2>\d)0s)(?!\w)"),
    "decade_word": _c(r"the\s+(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?!\w)"),
    "century": _c(r"(?P<n>\d{1,2})(?:st|nd|rd|th)[-\s]century|(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[-\s]first|twenty[-\s]second)[-\s]century"),
    "season": _c(rf"(?:(?P<the>the)\s+)?(?:(?P<rel>this\s+coming|this\s+past|this|last|next|past|previous|coming|following|current|same)\s+)?"
                 rf"(?P<s>spring|summer|autumn|fall|winter)(?!\w)(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\d))?"),
    "season_year": _c(rf"(?P<y>{YEAR})\s+(?P<s>spring|summer|autumn|fall|winter)(?!\w)"),
    "quarter": _c(rf"(?:the\s+)?(?:(?P<rel>last|this|next|current|latest|previous|past|same|coming|year-ago|year-earlier|year\s+earlier|recent|most\s+recent)\s+)?"
                  rf"(?:(?P<y0>{YEAR})(?:'s)?\s+|(?P<ry0>this|last|next)\s+year's\s+)?(?:fiscal\s+)?"
                  rf"(?P<ord>{_ORDW})[-\s](?:fiscal[-\s])?(?P<unit>quarter|half)(?!\w)"
                  rf"(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)(?:\s+year)?\s+)?(?:(?P<y>{YEAR})(?!\d)|(?P<ry>this|last|next)\s+year|the\s+year))?"),
    "quarter_code": _c(rf"(?-i:(?P<n>[1-4])?(?P<unit>Q|H)(?P<n2>[1-4])?)(?:\s*(?:of\s+)?|-|')(?:(?:FY\s?)?(?P<y>{YEAR}|\d\d)(?!\d))?(?<=\w)(?!\w)"),
    "quarter_rel": _c(r"(?:the\s+)?(?P<rel>last|this|next|current|latest|previous|past|same|coming|year-ago|year-earlier|recent|most\s+recent|fiscal|)\s*(?:fiscal\s+)?(?P<unit>quarter|half)(?!\w)(?!\s+(?:of\s+a|century|mile|point|hour|percent|%|of\s+the\s+\w+\s+(?:is|was)))"),
    "rel_unit": _c(r"(?:(?P<the>the)\s+)?(?P<rel>last|this|next|past|previous|coming|current|following|upcoming|same|prior|preceding)\s+"
                   r"(?P<unit>year|month|week|weekend|decade|century|day)(?!\w)"),
    "rel_weekday": _c(rf"(?:(?P<rel>this\s+coming|this\s+past|last|this|next|past|previous|coming)\s+)?(?P<wd>{WEEKDAY})"
                      r"(?:\s+(?P<pod>morning|afternoon|evening|night|overnight))?"),
    "that_unit": _c(r"(?:(?P<lat>later|earlier)\s+)?(?:that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior)\s+(?P<unit>year|month|week|day|morning|afternoon|evening|night|weekend|decade|summer|spring|fall|autumn|winter)(?!\w)"),
    "deictic": _c(r"(?<!\w)(?:the\s+day\s+(?P<ba>before\s+yesterday|after\s+tomorrow)|(?P<w>yesterday|today|tomorrow|tonight|overnight|nowadays)(?!\w))"
                  r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"),
    "this_pod": _c(r"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)(?!\w)"),
    "ref_word": _c(r"(?<![\w'])(?P<w>now|currently|presently|at\s+present|these\s+days|recently|lately|"
                   r"in\s+recent\s+(?:times|memory)|the\s+past|the\s+future|previously|formerly|at\s+the\s+time|"
                   r"to\s+date|so\s+far|the\s+present|the\s+moment|once|one\s+day|someday|some\s+day|eventually|any\s+time|"
                   r"nowadays|recent\s+years|the\s+recent\s+past|the\s+near\s+future|the\s+coming\s+years)(?!\w)"),
    "holiday": _c(rf"(?<!\w)(?:(?P<rel>last|this|next)\s+)?(?P<h>Christmas\s+Eve|Christmas(?:\s+Day)?|New\s+Year's\s+Eve|New\s+Year's(?:\s+Day)?|"
                  rf"Thanksgiving(?:\s+Day)?|Halloween|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Valentine's\s+Day|"
                  rf"Easter(?:\s+Sunday)?|Good\s+Friday|Election\s+Day|Boxing\s+Day|Veterans\s+Day|Martin\s+Luther\s+King\s+Day)(?!\w)"
                  rf"(?:,?\s+(?P<y>{YEAR})(?!\d))?"),
    "weekend": _c(r"(?:(?P<rel>the|this|last|next|that|past|coming)\s+)weekend(?!\w)"),
    "period_word": _c(r"the\s+(?P<rel>latest|year-earlier|year-ago|year\s+earlier|comparable|same|recent|previous|prior-year|year-before)\s+(?:fiscal\s+)?(?P<unit>period|quarter|year)(?!\w)"),
    "spelled_year": _c(r"(?:(?P<the>the\s+year\s+)?(?P<c>nineteen|twenty)[-\s](?P<rest>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred))|(?P<the2>the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?P<rest2>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![\w-])"),
    "the_year": _c(r"(?<!\w)the\s+(?:(?P<full>full|whole|entire|fiscal|calendar)\s+)?year(?P<ended>\s+(?:ended|ending|to|through))?(?![\w-])(?!'s)"),
    "day_list": _c(rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)(?![\w:.,]\d|\s*(?:%|percent|[-\u2013]\d))(?!\w)(?:\s*,?\s*(?P<y>{YEAR})(?!\d))?"),
    "period_end": _c(r"(?:(?:the|its|this|last|next)\s+)?(?P<rel>year|month|quarter|week)(?:[-\s]|'s\s+)(?P<e>end|ago|earlier|to\s+date)(?!\w)|(?P<ytd>year[-\s]to[-\s]date)"),
    "edge_of": _c(r"(?:the\s+)?(?P<edge>end|start|beginning|middle|close|turn|first\s+half|second\s+half)\s+of\s+(?:the\s+|this\s+|that\s+|last\s+|next\s+)?(?P<unit>year|month|week|quarter|decade|century|day|season|summer|winter|spring|fall|autumn)(?!\w)(?!\s+(?:of|in)\s)"),
    # durations, and offsets ("three years ago", "a year earlier", "two days later")
    "duration": _c(rf"(?<![\w'-])(?:(?P<the>the|a|an|another|his|her|its|their|this|that|those|these)\s+)?(?:(?P<rel>past|last|next|first|coming|following|previous|final|latest|remaining|same|other|ensuing|further|full|entire|whole|better\s+part\s+of\s+the|mere|additional|extra)\s+)?"
                   rf"(?P<q>{NUMBER}|{VAGUEQ})(?:(?<=\d)\s*|\s+|-)(?:(?:more|additional|straight|consecutive|full|long|further|extra|odd|plus|or\s+so)\s+|-)?(?P<unit>{UNIT})(?!-old|-olds)(?P<half>\s+and\s+a\s+half)?(?P<poss>'(?![\w]))?"
                   rf"(?:\s+(?P<plus>or\s+so|or\s+more|plus))?"
                   rf"(?:\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back|prior|previously|before\s+that|after\s+that|on|since|in\s+advance|beforehand|afterwards?)(?!\w))?"),
    "bare_units": _c(rf"(?:(?P<pre>the\s+|recent\s+|coming\s+|the\s+coming\s+|the\s+past\s+|the\s+last\s+|the\s+next\s+|the\s+ensuing\s+|the\s+following\s+|those\s+|these\s+))?(?P<unit>{UNIT_NOQ})(?:\s+(?P<dir>ago|earlier|later))?"),
    "hyphen_adj": _c(rf"(?<![\w-])(?P<q>\d+(?:\.\d+)?|{NUMWORD})-(?P<unit>year|month|week|day|hour|minute|second|decade|century|quarter)(?:s?-long|-old)?(?!\w)(?!-old)"),
    "clock": _c(rf"(?:(?P<around>around|about|at|by|until|before|after|from)\s+)?(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|(?-i:am|pm|AM|PM|A\.M\.|P\.M\.))(?!\w)"
                rf"(?:\s+(?P<tz>(?-i:[A-Z]{{2,4}}T|GMT|UTC|UT|ET|PT|CT|MT)))?(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY}|today|yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?)?"),
    "clock24": _c(rf"(?P<h>[01]\d|2[0-3])[:.]?(?P<mi>[0-5]\d)\s*(?:hrs|h(?!\w)|\s*(?P<tz>(?-i:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|[A-Z]{{2,4}}T)))(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}|today|yesterday|tomorrow))?"),
    "noon": _c(rf"(?P<w>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}|today|yesterday|tomorrow))?"),
    "set_every": _c(rf"(?P<q>every|each|per)\s+(?:(?P<other>other|single)\s+)?(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT}|season|morning|afternoon|evening|night|{WEEKDAY}|{MONTH}|spring|summer|fall|autumn|winter)"),
    "set_adv": _c(r"(?P<w>daily|weekly|monthly|annually|yearly|hourly|quarterly|biweekly|bi-weekly|nightly|biannually|semiannually|semi-annually|fortnightly)(?!\w)"),
    "set_rate": _c(r"(?P<f>once|twice|thrice|(?:\w+|\d+)\s+times)\s+(?:a|an|per|every|each)\s+(?P<unit>year|month|week|day|hour|minute|quarter|decade)(?!\w)"),
    "set_weekdays": _c(rf"(?P<wd>{WEEKDAYS_PLURAL})(?:\s+(?P<pod>mornings|afternoons|evenings|nights))?|(?P<wd2>{WEEKDAY})\s+(?P<pod2>mornings|afternoons|evenings|nights)(?!\w)"),
}

# after a money amount, a percentage or a count, "a year" is a rate ("$10bn a year")
# "500 million users a week", "$5bn in revenue a year": a count, up to three words, then the rate
RATE_COUNT_BEFORE = re.compile(r"(?:(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*\s*(?:%|[mb]illion|trillion|thousand|hundred|bn|mn|m|k)?"
                               r"|\b(?:hundreds|thousands|millions|billions|dozens|tens\s+of\s+thousands)\s+of)"
                               r"(?:\s+[a-z][\w'-]*){1,3}\s*$", FLAGS)
RATE_BEFORE = re.compile(r"(?:\d(?:bn|mn|m|k)?|%|\b(?:percent|cents?|dollars?|euros?|pounds?|yuan|yen|[mb]illion|trillion|"
                         r"times|once|twice|thrice))\s*$", FLAGS)

# modifiers that extend an expression to the left (TimeBank puts them inside the TIMEX3)
DATE_MOD_LEFT = re.compile(
    r"(?<!\w)(?:(?:(?:the|its)\s+)?(?:very\s+)?(?:(?P<m>early|earlier|late|later|mid|middle|end|start|beginning|dawn|"
    r"first\s+half|second\s+half)(?:\s+(?:of|in)\s+(?:the\s+)?|\s*-\s*|\s+)|(?P<m2>close|end|start|beginning|middle)\s+of\s+(?:the\s+)?)|(?P<m3>pre|post)-)$", FLAGS)
DATE_MODS = {"early": "START", "earlier": "START", "start": "START", "beginning": "START", "dawn": "START",
             "first half": "START", "late": "END", "later": "END", "end": "END", "close": "END",
             "second half": "END", "mid": "MID", "middle": "MID", "pre": "BEFORE", "post": "AFTER"}
QUANT_MOD_LEFT = re.compile(
    r"(?<!\w)(?P<m>at\s+least|no\s+less\s+than|not\s+less\s+than|more\s+than|over|less\s+than|under|almost|nearly|"
    r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+long\s+as|at\s+most|no\s+more\s+than|well\s+over|just\s+over|"
    r"just\s+under|close\s+to|some|roughly|about|around|approximately|an\s+estimated|a\s+mere|only|just)\s+$", FLAGS)
QUANT_MODS = {
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "not less than": "EQUAL_OR_MORE",
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN", "just over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN", "almost": "LESS_THAN",
    "nearly": "LESS_THAN", "close to": "LESS_THAN", "up to": "EQUAL_OR_LESS", "as many as": "EQUAL_OR_LESS",
    "as much as": "EQUAL_OR_LESS", "as long as": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "some": "APPROX", "roughly": "APPROX", "about": "APPROX",
    "around": "APPROX", "approximately": "APPROX", "an estimated": "APPROX", "a mere": None, "only": None, "just": None,
}
# these stay outside the extent (TE3-platinum/TimeBank annotate them outside), the mod is kept
QUANT_MODS_OUTSIDE = {"some", "roughly", "about", "around", "approximately", "an estimated", "only", "just"}
# a preposition before a date makes it a bound; TimeML keeps the preposition out of the extent
BOUND_LEFT = re.compile(
    r"(?P<w>by|until|till|til|through|thru|since|before|after|from|no\s+later\s+than|not\s+before|prior\s+to|ahead\s+of|as\s+of|starting|beginning)\s+(?:(?:the\s+)?(?:end|start|beginning)\s+of\s+)?$",
    FLAGS)
BOUND_MODS = {"by": "ON_OR_BEFORE", "until": "ON_OR_BEFORE", "till": "ON_OR_BEFORE", "til": "ON_OR_BEFORE",
              "through": "ON_OR_BEFORE", "thru": "ON_OR_BEFORE", "no later than": "ON_OR_BEFORE",
              "since": "ON_OR_AFTER", "from": "ON_OR_AFTER", "as of": "ON_OR_AFTER", "starting": "ON_OR_AFTER",
              "beginning": "ON_OR_AFTER", "not before": "ON_OR_AFTER",
              "before": "BEFORE", "prior to": "BEFORE", "ahead of": "BEFORE", "after": "AFTER"}

FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo\s+n't|'ll|shall|going\s+to|gonna|is\s+to|are\s+to|scheduled|slated|upcoming|"
    r"set\s+to|plans?\s+to|planning\s+to|due\s+(?:to|on|in)|would|expects?\s+to|intends?\s+to|aims?\s+to|"
    r"hopes?\s+to|as\s+(?:soon|early)\s+as|no\s+later\s+than|might|planned|planning|is\s+expected|are\s+expected|"
    r"effective|payable|expires?|to\s+be|deadline|(?:will|to|would)\s+be\s+\w+|"
    r"(?:extended|postponed|delayed|pushed\s+back|moved|rescheduled|adjourned)\s+(?:to|until|till)|"
    # an infinitive whose span runs up to the expression looks ahead: "a program to run through June"
    r"to\s+[a-z]+\s+(?:through|until|till|into))\b", FLAGS)
PAST_CUE = re.compile(r"\b(?:was|were|had|did|ago|since|last|earlier|said|told|announced|began|took|came|went|"
                      r"won|lost|held|met|made|left|saw|became|gave|got|led|fell|rose|sold|bought|paid|ran|"
                      r"brought|began|wrote|spoke|found|thought|knew|felt|kept|set\s+off|struck|hit|killed|died)\b",
                      FLAGS)
# a past participle right before the expression ("announced Wednesday"), unless it is passive-future
PAST_ED = re.compile(r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!will\s)\b(?!planned|scheduled|expected|slated|proposed|intended|need|feed|speed|seed|bed|red|shed|hundred|united|limited|related|based|owned|listed)\w{3,}ed\b", FLAGS)
SENT_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"'])|\n\s*\n")


# Every rule needs one of a few trigger words (a month name, a unit, a digit...). One scan
# finds them all; each rule then runs only on windows around its triggers (``left``/``right``
# characters of context), so most of an article is never looked at by most rules. The
# margins cover each rule's longest optional prefix and suffix.
DIGIT_TRIGGER = re.compile(r"\d+(?P<UNIT>\s*(?:h|hrs?|mins?|secs?|yrs?|wks?|mo)(?!\w))?", FLAGS)
WORD = re.compile(r"[A-Za-z]+")
AMPM_TRIGGER = re.compile(r"(?<![A-Za-z])[ap]\.?m(?![A-Za-z])", FLAGS)


def _classes() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}

    def add(cls: str, words: str) -> None:
        for w in words.split():
            table.setdefault(w, []).append(cls)

    add("UNIT", "year years yr yrs month months week weeks wk wks day days hour hours hr hrs minute minutes min mins "
                "second seconds sec secs decade decades century centuries quarter quarters fortnight fortnights night "
                "nights weekend weekends semester semesters half period")
    add("SEASON", "spring summer autumn fall winter")
    add("POD", "morning afternoon evening night")
    add("REL", "now right currently presently present these recently lately recent past future time nowadays near "
               "coming soon")
    add("DEIC", "yesterday today tomorrow tonight overnight nowadays")
    add("HOL", "christmas new thanksgiving halloween independence labor memorial valentine easter good election "
               "boxing veterans martin")
    add("FISC", "fiscal fy")
    add("SETW", "daily weekly monthly annually yearly hourly quarterly biweekly nightly biannually semiannually "
                "fortnightly every each per once twice thrice times")
    add("CLOCK", "noon midnight midday")
    add("SPELLED", "nineteen twenty thousand")
    add("DECW", "twenties thirties forties fifties sixties seventies eighties nineties")
    add("EDGE", "end start beginning middle close turn")
    return {w: tuple(c) for w, c in table.items()}


WORD_CLASSES = _classes()
# capitalised only: month and weekday names (and their plurals for weekdays)
CAPITAL_CLASSES = {**{m: ("MON",) for m in MONTHS}, **{d: ("WD",) for d in WEEKDAYS},
                   **{d + "s": ("WD",) for d in WEEKDAYS}}
RULE_WINDOWS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "iso": (("D",), 1, 24), "slash": (("D",), 6, 14), "mdy": (("MON",), 14, 40), "dmy": (("MON",), 36, 40),
    "month_year": (("MON",), 1, 24), "month": (("MON",), 14, 24), "year": (("D",), 6, 16),
    "year_suffix": (("D",), 1, 8), "fiscal": (("FISC",), 1, 30), "fiscal_rel": (("FISC",), 20, 20),
    "decade": (("D",), 2, 10), "decade_word": (("DECW",), 6, 4), "century": (("UNIT",), 30, 4),
    "season": (("SEASON",), 24, 24), "season_year": (("SEASON",), 8, 4), "quarter": (("UNIT",), 90, 60),
    "quarter_code": (("D",), 4, 20), "quarter_rel": (("UNIT",), 40, 80), "rel_unit": (("UNIT",), 30, 4),
    "rel_weekday": (("WD",), 22, 24), "that_unit": (("UNIT", "SEASON", "POD"), 40, 4),
    "deictic": (("DEIC",), 28, 24), "this_pod": (("POD", "UNIT"), 14, 4), "ref_word": (("REL", "DEIC"), 14, 24),
    "holiday": (("HOL", "UNIT", "WD"), 30, 36), "period_end": (("UNIT",), 14, 24), "edge_of": (("EDGE", "UNIT"), 30, 50),
    "weekend": (("UNIT",), 10, 4), "period_word": (("UNIT",), 40, 4), "spelled_year": (("SPELLED",), 16, 50),
    "the_year": (("UNIT",), 30, 24), "day_list": (("D",), 8, 6), "duration": (("UNIT",), 110, 40), "bare_units": (("UNIT",), 40, 24),
    "hyphen_adj": (("UNIT",), 30, 20), "clock": (("AMPM",), 28, 50), "clock24": (("D",), 1, 40),
    "noon": (("CLOCK",), 1, 44), "set_every": (("SETW",), 1, 44), "set_adv": (("SETW",), 1, 20),
    "set_rate": (("SETW",), 24, 24), "set_weekdays": (("WD",), 1, 30),
}
