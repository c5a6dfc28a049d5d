"""Statements every message runs, compiled once per dialect and run straight on the DBAPI cursor of the unit's
connection, in its transaction.

A prebuilt Core statement run through Connection.execute still costs SQLAlchemy's execution set-up — an
execution context, its parameters processed anew, a Result — some 25 µs on SQLite, several times the query
itself, ten times per message (bench/profile_path.py). `Direct` keeps what that set-up works out for a fixed
statement (its SQL, the parameters' order and converters, the columns' converters) and does only the per-call
part: the values are converted as SQLAlchemy converts them, the rows as it converts them, DBAPI errors are
raised as SQLAlchemy's (Connection._handle_dbapi_exception: DataError, IntegrityError, a lost connection
invalidated), and the engine's before_cursor_execute listeners see every statement (a read unit's guard against
writing among them). For statements whose IN lists are fixed (rendered once, as literals) or given per call (expanded
by SQLAlchemy once per combination of their lengths, as its execution expands them each time), and INSERTs whose
values are all given or have a scalar or context-free default.

Each pooled DBAPI connection keeps one cursor for these statements (`_cursor`), and whether a statement returns rows
is known from its compiled form rather than asked of the cursor: psycopg builds an adapters map for every new cursor
and a column list for every `description`, some 30 µs a statement, a tenth of a message's client CPU on PostgreSQL
(bench/profile_path.py). Nothing is left on the cursor between statements (every result is fetched at once).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class _Form:
    """A statement compiled for one dialect and one set of parameter names."""

    sql: str
    order: tuple[str, ...]  # the parameters' names, in order for a positional paramstyle (qmark)
    named: tuple[str, ...] | None  # for a named one (pyformat): the names in the SQL (escaped), else None
    fixed: dict[str, Any]  # values the statement carries itself (literals become bound parameters)
    defaults: dict[str, Callable[[], Any]]  # INSERT columns not given, with a Python-side default
    converters: dict[str, Converter]  # by parameter name
    columns: tuple[Converter | None, ...]  # of the result's columns
    lists: tuple[str, ...] = ()  # lists given per call: the form is expanded for their lengths (_expand) to be run
    compiled: SQLCompiler | None = None  # …from this
    expansion: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per list given: its elements' names

    @functools.cached_property
    def positional(self) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
        """The values in `order`, as a tuple (qmark), picked in one call rather than a generator's steps."""
        if len(self.order) > 1:
            return cast(Callable[[Mapping[str, Any]], tuple[Any, ...]], operator.itemgetter(*self.order))
        return lambda values: tuple(values[name] for name in self.order)


class Direct:
    """A Core statement built once, run on the connection's DBAPI cursor (see the module's docstring)."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._forms: dict[tuple[str, frozenset[str]], _Form] = {}
        self._expanded: dict[tuple[str, frozenset[str], tuple[int, ...]], _Form] = {}

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The result's rows (none for a statement without any)."""
        form = self._form(conn.dialect, params)
        rows = self._run(conn, form, params)
        if not any(form.columns):
            return rows
        return [tuple(v if c is None or v is None else c(v) for c, v in zip(form.columns, row, strict=True))
                for row in rows]

    def first(self, conn: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The first column of the first row, or None."""
        row = self.first(conn, params)
        return None if row is None else row[0]

    def _form(self, dialect: Dialect, params: Mapping[str, Any]) -> _Form:
        key = (dialect.name, frozenset(params))
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = _compile(self.statement, dialect, key[1])
        if not form.lists:
            return form
        lengths = tuple(len(params[name]) for name in form.lists)
        expanded = self._expanded.get((*key, lengths))
        if expanded is None:
            expanded = self._expanded[(*key, lengths)] = _expand(form, key[1], lengths)
        return expanded

    def many(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run the statement once per row, in one executemany (every row with the same keys); no result."""
        if rows:
            form = self._form(conn.dialect, rows[0])
            _execute(conn, form, [_bound(form, row) for row in rows], many=True)

    @staticmethod
    def _run(conn: Connection, form: _Form, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return _execute(conn, form, _bound(form, params), many=False)


Bound = Sequence[Any] | Mapping[str, Any]


def _bound(form: _Form, params: Mapping[str, Any]) -> Bound:
    """The DBAPI's parameters: the statement's own values, the defaults and the given ones, converted."""
    if form.defaults:
        values = {**form.fixed, **{name: make() for name, make in form.defaults.items()}, **params}
    else:
        values = {**form.fixed, **params}
    for name, elements in form.expansion.items():
        values.update(zip(elements, values.pop(name), strict=True))
    for name, convert in form.converters.items():
        value = values[name]
        if value is not None:
            values[name] = convert(value)
    if form.named is None:
        return form.positional(values)
    return {escaped: values[name] for name, escaped in zip(form.order, form.named, strict=True)}


_CURSOR = "jianfu_direct_cursor"  # the pooled connection's info: (its DBAPI connection, the cursor kept on it)


def _cursor(conn: Connection) -> Any:
    """The cursor kept on the connection's DBAPI connection for these statements, made on first use (again after a
    failed statement, whose cursor SQLAlchemy's error handling may close, or when the DBAPI connection was replaced)."""
    pooled = conn.connection
    dbapi = pooled.dbapi_connection
    assert dbapi is not None
    kept = pooled.info.get(_CURSOR)
    if kept is not None and kept[0] is dbapi:
        return kept[1]
    cursor = dbapi.cursor()
    pooled.info[_CURSOR] = (dbapi, cursor)
    return cursor


def _execute(conn: Connection, form: _Form, bound: Bound | list[Bound], many: bool) -> list[tuple[Any, ...]]:
    if not conn.in_transaction():
        conn.begin()  # as Connection.execute autobegins (SQLite: our BEGIN, from the "begin" event)
    cursor = _cursor(conn)
    try:
        for listener in conn.dispatch.before_cursor_execute:
            listener(conn, cursor, form.sql, bound, None, many)
        if many:
            cursor.executemany(form.sql, cast(list[Any], bound))
            return []
        cursor.execute(form.sql, cast(Bound, bound))
        return list(cursor.fetchall()) if form.columns else []  # columns: it returns rows (a SELECT, RETURNING)
    except Exception as exc:
        conn.connection.info.pop(_CURSOR, None)
        if isinstance(exc, conn.dialect.loaded_dbapi.Error):
            conn._handle_dbapi_exception(exc, form.sql, bound, cursor, None)
        raise


def _same(value: Any) -> Any:
    return value


def _compile(statement: ClauseElement, dialect: Dialect, names: frozenset[str]) -> _Form:
    compiled = statement.compile(dialect=dialect, column_keys=sorted(names))
    assert isinstance(compiled, SQLCompiler)
    sql = compiled.string
    lists = {id(bind) for bind in (*compiled.literal_execute_params, *compiled.post_compile_params)}
    expanding = {name for bind, name in compiled.bind_names.items() if id(bind) in lists}
    given = tuple(sorted(expanding & names))
    if given:  # expanded per call for the lengths given (_expand)
        if any(id(bind) in lists for bind in compiled.literal_execute_params):
            raise ValueError("Direct: a list rendered as literals at execution")
        columns = tuple(entry.type._cached_result_processor(dialect, None) for entry in compiled._result_columns)
        return _Form("", (), None, {}, {}, {}, columns, lists=given, compiled=compiled)
    fixed = {}
    for bind, name in compiled.bind_names.items():
        if name in expanding:  # a list the statement carries (Entry.counted's statuses): rendered as literals
            if not bind.value:
                raise ValueError(f"Direct: {name} is an empty list the statement carries; run the statement as Core")
            literals = ", ".join(compiled.render_literal_value(v, bind.type) for v in bind.value)
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", literals)
        elif name not in names and bind.callable is None and bind.value is not None:
            fixed[name] = bind.value
    defaults: dict[str, Callable[[], Any]] = {}
    for column in compiled.insert_prefetch:
        default: Any = column.default
        if default is None or not (default.is_scalar or default.is_callable):
            raise ValueError(f"Direct: no Python-side value for {column.key}")
        # As SQLAlchemy's INSERT computes it: a scalar as it is, a callable given no execution context.
        defaults[column.key] = functools.partial(_same, default.arg) if default.is_scalar else functools.partial(
            default.arg, None)
    if compiled.update_prefetch:
        raise ValueError("Direct: an UPDATE with Python-side onupdate values")
    converters: dict[str, Converter] = {}
    for name, convert in compiled._bind_processors.items():
        if convert is None or name in expanding:
            continue
        if not callable(convert):  # a tuple's per-element converters: no statement here binds a tuple
            raise ValueError(f"Direct: {name} binds a tuple")
        converters[name] = convert
    columns = tuple(entry.type._cached_result_processor(dialect, None) for entry in compiled._result_columns)
    if compiled.positional:
        assert compiled.positiontup is not None
        order, named = tuple(n for n in compiled.positiontup if n not in expanding), None
    else:
        order = tuple(n for n in dict.fromkeys(compiled.bind_names.values()) if n not in expanding)
        escaped: dict[str, str] = compiled.escaped_bind_names or {}
        named = tuple(escaped.get(name, name) for name in order)
    return _Form(sql, order, named, fixed, defaults, converters, columns)


def _expand(form: _Form, names: frozenset[str], lengths: tuple[int, ...]) -> _Form:
    """The form of a statement with lists given per call, for lists of these lengths: expanded by SQLAlchemy as its
    execution expands them (each element a parameter of its own, the lists the statement carries too)."""
    compiled = form.compiled
    assert compiled is not None
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise ValueError("Direct: lists given per call in a statement with Python-side defaults")
    placeholders: dict[str, Any] = {name: None for name in names}
    placeholders.update({name: [None] * n for name, n in zip(form.lists, lengths, strict=True)})
    params = compiled.construct_params(placeholders, escape_names=False, _check=False)
    state = compiled._process_parameters_for_postcompile(params, _populate_self=False)
    expanded = state.parameter_expansion
    elements = {element for name in form.lists for element in expanded[name]}
    fixed = {name: value for name, value in state.parameters.items() if name not in names and name not in elements}
    converters: dict[str, Converter] = {}
    carried = {element for name, listed in expanded.items() if name not in form.lists for element in listed}
    for name, convert in {**compiled._bind_processors, **state.processors}.items():
        if convert is None or name in expanded:
            continue
        if not callable(convert):
            raise ValueError(f"Direct: {name} binds a tuple")
        if name in names or name in elements or name in carried or name in fixed:
            converters[name] = convert
    if compiled.positional:
        assert state.positiontup is not None
        order, named = tuple(state.positiontup), None
    else:
        order = tuple(state.parameters)
        escaped: dict[str, str] = compiled.escaped_bind_names or {}
        named = tuple(escaped.get(name, name) for name in order)
    return _Form(state.statement, order, named, fixed, {}, converters, form.columns,
                 expansion={name: tuple(expanded[name]) for name in form.lists})
