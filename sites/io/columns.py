"""From a file's columns to model field values: mapping, matching and conversion.

The conversion rules come from the model fields themselves (text length, choices,
whole numbers, decimals, yes/no), so a new field needs no new import code.
"""

import math
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd
from django.db import models

from .report import ImportFileError

TRUE_WORDS = {"true", "t", "yes", "y", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "0"}
INTEGER_MAX = {
    "PositiveSmallIntegerField": 32767,
    "SmallIntegerField": 32767,
    "PositiveIntegerField": 2147483647,
    "IntegerField": 2147483647,
}


def parse_mapping(lines: Iterable[str]) -> dict[str, str]:
    """{"field": "column"} from "field=column" items (command arguments or form lines)."""
    mapping = {}
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        field, sep, column = line.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise ImportFileError(f"'{line}' is not a mapping. Write field=column, for example reference=camera-name.")
        mapping[field.strip()] = column.strip()
    return mapping


def resolve_columns(
    name: str, columns: Sequence[str], mapping: dict[str, str], fields: Sequence[str]
) -> dict[str, str]:
    """The source column for each field that the file provides.

    A mapped field takes its mapped column; any other field the column of the same name,
    ignoring case, or cut to 10 characters (Shapefile .dbf column names are that short).
    """
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise ImportFileError(
            f"{', '.join(unknown)} cannot be mapped: the fields you can import are {', '.join(fields)}."
        )
    by_lower = {c.lower(): c for c in columns}
    found = {}
    for field in fields:
        if field in mapping:
            column = mapping[field]
            match = column if column in columns else by_lower.get(column.lower())
            if match is None:
                raise ImportFileError(
                    f"{name} has no column '{column}' (mapped to {field}). Its columns are: {', '.join(columns)}."
                )
            found[field] = match
        else:
            match = by_lower.get(field.lower()) or by_lower.get(field.lower()[:10])
            if match is not None and match not in mapping.values():
                found[field] = match
    return found


def is_blank(value) -> bool:
    if type(value) is str:
        return not value.strip()
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


def as_text(value) -> str:
    """Text of a cell; whole numbers read as numbers (12.0) come back as "12"."""
    if type(value) is str:
        return value.strip()
    if is_blank(value):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def convert_column(field: models.Field, values: Sequence) -> tuple[list, dict[int, str]]:
    """Each value converted for `field`, and {position: reason} for those that cannot be."""
    array = np.asarray(values)
    if array.dtype.kind == "b" and isinstance(field, models.BooleanField):
        return array.tolist(), {}
    if array.dtype.kind in "iuf" and isinstance(field, models.IntegerField | models.DecimalField):
        return _convert_numbers(field, array)
    return _convert_each(field, values)


def _convert_numbers(field: models.Field, array: np.ndarray) -> tuple[list, dict[int, str]]:
    """A numeric column (GeoPackage, Shapefile): checked with numpy; only odd values one by one."""
    numbers = array.astype(float)
    plain = np.isfinite(numbers) & (numbers >= 0)
    if isinstance(field, models.IntegerField):
        plain &= (numbers == np.floor(numbers)) & (numbers <= INTEGER_MAX.get(field.get_internal_type(), 2**53))
        result = np.where(plain, numbers, 0).astype(np.int64).tolist()
    else:
        plain &= numbers < 10 ** (field.max_digits - field.decimal_places)
        step = Decimal(1).scaleb(-field.decimal_places)
        result = [
            Decimal(repr(x)).quantize(step) if ok else None for x, ok in zip(numbers.tolist(), plain, strict=True)
        ]
    odd = np.flatnonzero(~plain)
    errors = {}
    if len(odd):
        converted, odd_errors = _convert_each(field, array[odd])
        for k, i in enumerate(odd):
            result[i] = converted[k]
        errors = {int(odd[k]): reason for k, reason in odd_errors.items()}
    return result, errors


def _convert_each(field: models.Field, values: Sequence) -> tuple[list, dict[int, str]]:
    converter = _converter(field)
    label = field.verbose_name
    blank = None if field.null else field.get_default()
    result, errors = [], {}
    seen: dict[str, object] = {}  # a column of codes repeats a few values many times
    for i, value in enumerate(values):
        if type(value) is str and value in seen:
            result.append(seen[value])
            continue
        if is_blank(value):
            result.append(blank)
            continue
        try:
            result.append(converter(value))
            if type(value) is str and field.choices:
                seen[value] = result[-1]
        except ValueError as exc:
            result.append(None)
            errors[i] = f"{label}: {exc}"
    return result, errors


def _converter(field: models.Field):
    if field.choices:
        return _choice(field)
    if isinstance(field, models.BooleanField):
        return _boolean
    if isinstance(field, models.DecimalField):
        return _decimal(field)
    if isinstance(field, models.IntegerField):
        return _integer(field)
    return _text(field)


def _text(field: models.Field):
    def convert(value) -> str:
        text = as_text(value)
        if field.max_length and len(text) > field.max_length:
            raise ValueError(f"longer than {field.max_length} characters")
        if "\x00" in text:
            raise ValueError("holds a NUL character, which cannot be stored")
        return text

    return convert


def _choice(field: models.Field):
    lookup = {}
    for value, label in field.choices:
        lookup[str(value).lower()] = value
        lookup[str(label).lower()] = value
    allowed = ", ".join(str(value) for value, _label in field.choices)

    def convert(value) -> str:
        key = as_text(value).lower()
        if key not in lookup and key.replace(" ", "_") not in lookup:
            raise ValueError(f"'{as_text(value)}' is not one of {allowed}")
        return lookup.get(key) or lookup[key.replace(" ", "_")]

    return convert


def _boolean(value) -> bool:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = as_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(f"'{as_text(value)}' is not yes or no")


def _number(value) -> Decimal:
    try:
        number = Decimal(as_text(value))
    except InvalidOperation:
        raise ValueError(f"'{as_text(value)}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{as_text(value)}' is not a number")
    if number < 0:
        raise ValueError(f"must not be negative (it is {as_text(value)})")
    return number


def _decimal(field: models.DecimalField):
    step = Decimal(1).scaleb(-field.decimal_places)
    limit = Decimal(10) ** (field.max_digits - field.decimal_places)

    def convert(value) -> Decimal:
        number = _number(value).quantize(step)
        if number >= limit:
            raise ValueError(f"{as_text(value)} is too large")
        return number

    return convert


def _integer(field: models.IntegerField):
    limit = INTEGER_MAX.get(field.get_internal_type(), 2**63 - 1)

    def convert(value) -> int:
        number = _number(value)
        if number != number.to_integral_value():
            raise ValueError(f"{as_text(value)} is not a whole number")
        if number > limit:
            raise ValueError(f"{as_text(value)} is too large")
        return int(number)

    return convert
