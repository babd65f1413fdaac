"""Units of measurement: which magnitude a unit has, and whether two measurements agree.

The unit words are the lexicon's (German inflections included: "Zentimetern", "Quadratmetern"); the
conversion factors and dimensions come from pint, the maintained units library, loaded on first use
only (most sentence pairs never need it). A measurement is part of its number: "35 Millimeter" is not
"35 centimeters", "80 Cent" is not "80 euros", but "5 km" is "3.1 miles" within rounding.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .number import Number

# Our unit codes → pint unit expressions. "°" (Grad / degrees without a scale) is read as Celsius in
# German; in English it may be either, so both readings are tried.
PINT_NAMES = {
    "mm": "millimeter", "cm": "centimeter", "m": "meter", "km": "kilometer", "mi": "mile", "ft": "foot",
    "in": "inch", "yd": "yard", "m²": "meter**2", "km²": "kilometer**2", "ha": "hectare", "acre": "acre",
    "m³": "meter**3", "mg": "milligram", "µg": "microgram", "g": "gram", "kg": "kilogram", "t": "tonne",
    "lb": "pound", "oz": "ounce", "l": "liter", "ml": "milliliter", "gal": "gallon", "°C": "degC",
    "°F": "degF", "°": "degC", "km/h": "kilometer/hour", "mph": "mile/hour", "W": "watt", "kW": "kilowatt",
    "MW": "megawatt", "GW": "gigawatt", "kWh": "kilowatt_hour", "MWh": "megawatt_hour", "hp": "horsepower",
    "PS": "metric_horsepower", "s": "second", "min": "minute", "h": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "kB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte",
    "tbsp": "tablespoon", "tsp": "teaspoon", "ztr": "50 * kilogram", "imp gal": "imperial_gallon",
}  # fmt: skip

# Money units: a cent is a hundredth of whatever currency it is of.
_MONEY = {"ct": 0.01, "EUR": 1.0, "USD": 1.0, "GBP": 1.0, "CHF": 1.0, "JPY": 1.0, "CNY": 1.0}
_TEMPERATURE = frozenset({"°C", "°F", "°"})


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def dimension(unit: str | None) -> tuple[str, float] | None:
    """(dimension, factor to the dimension's base unit) of a unit code; None when it is not a unit we
    compare. Temperatures are affine: their factor is only used to tell °C from °F apart."""
    if unit is None:
        return None
    if unit in _MONEY:
        return ("money", _MONEY[unit])
    name = PINT_NAMES.get(unit)
    if name is None:
        return None
    ureg = _registry()
    if unit in _TEMPERATURE:
        return ("temperature", 1.0 if unit != "°F" else 2.0)
    quantity = ureg.Quantity(1.0, name).to_base_units()
    return (str(quantity.dimensionality), float(quantity.magnitude))


_MASS = "[mass]"  # pint's dimensionality of a weight


def _mass_pound(n: Number) -> str | None:
    """English "pounds" is money or weight; as a measurement it is weight."""
    return "lb" if n.unit == "GBP" and "pound" in n.text.lower() or n.unit == "lb" else n.unit


def units_conflict(a: Number, b: Number) -> bool:
    """Equal numbers whose units differ in magnitude (35 mm / 35 cm, 80 Cent / 80 euros) or measure
    different things (90 km/h / 90 metres, 30 Kilogramm / 30 kilometres)."""
    if {a.unit, b.unit} == {"‰", "%"}:
        return True  # per mille is a tenth of a percent: equal only when converted (`converted_equal`)
    if a.unit == b.unit or a.unit is None or b.unit is None:
        return False
    da, db = dimension(a.unit), dimension(b.unit)
    if da is None or db is None:
        return False
    if da[0] != db[0] and "money" in (da[0], db[0]) and _MASS in (da[0], db[0]):
        # English "pounds" is money or weight: against a weight, a weight ("2,5 kg" / "2.5 pounds")
        da, db = dimension(_mass_pound(a)), dimension(_mass_pound(b))
    if da[0] != db[0]:
        return "money" not in (da[0], db[0])  # "5 Pfund" is money or weight: let it be
    if da[0] == "money":
        return da[1] != db[1]
    if da[0] == "temperature":
        return {a.unit, b.unit} == {"°C", "°F"} and a.value != 32
    return not math.isclose(da[1], db[1], rel_tol=1e-9)


def _precision(n: Number) -> float:
    """Half the step of the last written digit ("3.1": 0.05, "30": 5, "100": 50 capped below)."""
    digits = "".join(ch for ch in n.text if ch.isdigit() or ch in ".,")
    if "." in digits or "," in digits:
        sep = max(digits.rfind("."), digits.rfind(","))
        decimals = len(digits) - sep - 1
        if decimals and decimals != 3:
            return 0.5 * 10**-decimals
    value = abs(n.value)
    if value and float(value).is_integer():
        zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
        return 0.5 * 10**zeros
    return 0.5


@lru_cache(maxsize=4096)
def _convert(value: float, source: str, target: str) -> float | None:
    ureg = _registry()
    try:
        return float(ureg.Quantity(value, PINT_NAMES[source]).to(PINT_NAMES[target]).magnitude)
    except Exception:  # noqa: BLE001 - pint raises several error types for impossible conversions
        return None


def _per_mille_as_percent(a: Number, b: Number) -> bool:
    """ "1,8 Promille" is "0.18 percent" (and the other way round)."""
    return a.unit == "‰" and b.kind == "percent" and b.unit != "pp" and math.isclose(a.value / 10, b.value)


def converted_equal(source: Number, candidate: Number) -> bool:
    """A real conversion: 5 km / 3.1 miles, 30 Grad / 86 degrees Fahrenheit, 30 Monate / 2.5 years, 2000 Liter
    / 440 (imperial) gallons — the candidate's value within the rounding of how it is written (and never
    more than 10 % off)."""
    if _per_mille_as_percent(source, candidate) or _per_mille_as_percent(candidate, source):
        return True
    if source.unit is None or candidate.unit is None or source.kind in ("date", "time", "year"):
        return False
    target = _mass_pound(candidate)
    origin = _mass_pound(source)
    if (origin == target and origin != "°") or origin not in PINT_NAMES or target not in PINT_NAMES:
        return False
    readings = ("°C", "°F") if target == "°" else ("gal", "imp gal") if target == "gal" else (target,)
    for reading in readings:
        value = _convert(float(source.value), "°C" if origin == "°" else origin, reading)
        if value is None:
            continue
        tolerance = min(_precision(candidate), 0.1 * abs(value)) + 1e-9
        if abs(value - candidate.value) <= tolerance:
            return True
    return False
