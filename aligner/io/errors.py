"""Input errors that name the file, row and column, so a user can find the cell to fix."""

from __future__ import annotations

from dataclasses import dataclass

from aligner.messages import say


@dataclass(frozen=True)
class InputIssue:
    """One problem in the input. ``row`` is the spreadsheet row (the header is row 1); in a
    workbook ``sheet`` names the sheet and ``header`` the column's header as written (``column``
    is then its letter)."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    header: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where = say("io.where.sheet", where=where, sheet=self.sheet)
        if self.row is not None:
            where = say("io.where.row", where=where, row=self.row)
        if self.column and self.header:
            where = say("io.where.column_header", where=where, column=self.column,
                        header=self.header)
        elif self.column:
            where = say("io.where.column", where=where, column=self.column)
        return say("io.where.message", where=where, message=self.message)


class InputError(Exception):
    """The instance cannot be read; carries every issue found, not just the first."""

    def __init__(self, issues: list[InputIssue]):
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


class InputWarning(UserWarning):
    """Something in the input that is allowed but probably not meant (e.g. a misspelt column)."""


class IssueLog:
    """Collects issues while a stage of validation runs; :meth:`raise_if_any` ends the stage.
    Warnings do not stop anything; the reader passes them on as :class:`InputWarning`."""

    def __init__(self) -> None:
        self.issues: list[InputIssue] = []
        self.warnings: list[InputIssue] = []

    def add(self, file: str, message: str, row: int | None = None, column: str | None = None) -> None:
        self.issues.append(InputIssue(file, message, row, column))

    def warn(self, file: str, message: str, row: int | None = None, column: str | None = None) -> None:
        self.warnings.append(InputIssue(file, message, row, column))

    def raise_if_any(self) -> None:
        if self.issues:
            raise InputError(self.issues)
