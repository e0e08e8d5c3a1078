"""Reading galpak's fixed-width tables (astropy's ``ascii.fixed_width`` layout, GalPaK3D's ``.dat``
files): chains and statistics."""

import numpy as np

from .errors import BadInputError

#: Chain-file columns that are whole numbers.
INTEGER_COLUMNS = ("weight", "chain")


def _rows(path):
    """The column names and the rows (lists of cell texts) of the table at ``path``."""
    with open(path, encoding="utf-8") as file:
        lines = [line.strip() for line in file if line.strip()]
    if not lines or not lines[0].startswith("|"):
        raise BadInputError(f"{path}: not a fixed-width table (no '|' header line)")
    def cells(line):
        return [cell.strip() for cell in line.strip("|").split("|")]
    names = cells(lines[0])
    rows = [cells(line) for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(names):
            raise BadInputError(f"{path}: line {number} has {len(row)} cells, the header {len(names)}")
    return names, rows


def read_chain(path):
    """The chain file ``PREFIX_chain.dat`` of a fit as a numpy structured array, one record per
    row: the parameters (their units: pixel, channel, cube units, deg, km/s), ``reduced_chi``
    (chi2 per degree of freedom), ``weight`` (iterations the state was held) and ``chain`` (the
    0-based index of the independent chain), then any optional parameter (``sersic_index``).
    A GalPaK3D chain has no ``weight`` and ``chain`` columns: each row then has weight 1.

    Raises
    ------
    BadInputError
        For a file that is not such a table, or a cell that is not a number.
    """
    names, rows = _rows(path)
    dtype = [(name, np.int64 if name in INTEGER_COLUMNS else np.float64) for name in names]
    try:
        values = [tuple(int(float(c)) if name in INTEGER_COLUMNS else float(c) for name, c in zip(names, row))
                  for row in rows]
    except ValueError as error:
        raise BadInputError(f"{path}: {error}") from None
    return np.array(values, dtype=dtype)


def read_stats(path):
    """The one-row statistics file ``PREFIX_stats.dat`` as a dict: whole numbers as int, other
    numbers as float (``nan`` for none), text as str."""
    names, rows = _rows(path)
    if len(rows) != 1:
        raise BadInputError(f"{path}: a statistics file has one row (found {len(rows)})")
    def value(text):
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            return text
    return {name: value(cell) for name, cell in zip(names, rows[0])}
