<#--
  Freshet's grammar productions, included into Calcite's Parser.jj by FMPP (see config.fmpp for where each
  one is hooked in). Nodes are built from dev.freshet.parser.ddl.
-->

/* ---------------------------------------------------------------------------------------------------------
 * WITH (key = value, ...) options
 * ------------------------------------------------------------------------------------------------------- */

/** Parses WITH (k = v, ...). A key is an identifier (dotted or double-quoted) or a string literal. */
List<SqlOption> WithOptions() :
{
    final List<SqlOption> options = new ArrayList<SqlOption>();
    SqlOption option;
}
{
    <WITH> <LPAREN>
    option = OptionEntry() { options.add(option); }
    ( <COMMA> option = OptionEntry() { options.add(option); } )*
    <RPAREN>
    { return options; }
}

List<SqlOption> WithOptionsOpt() :
{
    List<SqlOption> options = new ArrayList<SqlOption>();
}
{
    [ options = WithOptions() ]
    { return options; }
}

/** Parses one option; "= value" may be left out (as in COPY's "WITH (HEADER)"), meaning TRUE. */
SqlOption OptionEntry() :
{
    final Span s;
    final String key;
    SqlIdentifier id;
    SqlLiteral value = null;
}
{
    { s = span(); }
    (
        id = CompoundIdentifier() { key = String.join(".", id.names); }
    |
        key = SimpleStringLiteral()
    )
    [ <EQ> ]
    [ value = OptionValue() ]
    {
        if (value == null) {
            value = SqlLiteral.createBoolean(true, getPos());
        }
        return new SqlOption(s.end(this), key, value);
    }
}

/** Parses an option or SET value: a string, number, boolean or NULL; a bare word is taken as a string. */
SqlLiteral OptionValue() :
{
    final SqlNode e;
    final SqlIdentifier id;
}
{
    (
        e = StringLiteral() { return SqlLiteral.unchain(e); }
    |
        e = NumericLiteral() { return (SqlLiteral) e; }
    |
        e = SpecialLiteral() { return (SqlLiteral) e; }
    |
        e = DollarQuotedStringLiteral() { return (SqlLiteral) e; }
    |
        <ON> { return SqlLiteral.createCharString("on", getPos()); }
    |
        id = SimpleIdentifier() { return SqlLiteral.createCharString(id.getSimple(), getPos()); }
    )
}

/* ---------------------------------------------------------------------------------------------------------
 * CREATE TABLE / SOURCE / SINK / MATERIALIZED VIEW / VIEW
 * ------------------------------------------------------------------------------------------------------- */

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

JAVACODE void rejectOrReplace(boolean replace, String what) {
    if (replace) {
        throw new dev.freshet.common.FreshetException(dev.freshet.common.ErrorCode.FEATURE_NOT_SUPPORTED,
            "CREATE OR REPLACE " + what + " is not supported; only CREATE OR REPLACE VIEW is");
    }
}

/** Parses "name type [NOT NULL | NULL] [PRIMARY KEY] [DEFAULT expr]", the constraints in any order. */
SqlColumnDeclaration ColumnDeclaration() :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    boolean primaryKey = false;
    SqlNode defaultValue = null;
    final Span s;
}
{
    name = SimpleIdentifier() { s = span(); }
    type = ColumnType()
    (
        <NOT> <NULL> { nullable = false; }
    |
        <NULL> { nullable = true; }
    |
        <PRIMARY> <KEY> { primaryKey = true; }
    |
        <DEFAULT_> defaultValue = Expression3(ExprContext.ACCEPT_NON_QUERY)
    )*
    {
        return new SqlColumnDeclaration(s.end(this), name, type, nullable, primaryKey, defaultValue);
    }
}

/** A column's type: any type Calcite knows, PostgreSQL's aliases, or INTERVAL without a qualifier. */
SqlDataTypeSpec ColumnType() :
{
    final SqlDataTypeSpec type;
    final Span s;
}
{
    LOOKAHEAD({ getToken(1).kind == INTERVAL })
    <INTERVAL> { s = span(); }
    [ IntervalQualifier() ]
    {
        return new SqlDataTypeSpec(
            new SqlUserDefinedTypeNameSpec(new SqlIdentifier("interval", s.pos()), s.pos()), s.end(this));
    }
|
    type = DataType() { return type; }
}

/** Parses "WATERMARK FOR column AS expression [WITH (...)]". */
SqlWatermark Watermark() :
{
    final Span s;
    final SqlIdentifier column;
    final SqlNode expression;
    final List<SqlOption> options;
}
{
    <WATERMARK> { s = span(); } <FOR>
    column = SimpleIdentifier()
    <AS>
    expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    options = WithOptionsOpt()
    { return new SqlWatermark(s.end(this), column, expression, options); }
}

/** Parses "( column, ... [, PRIMARY KEY (a, b)] [, WATERMARK FOR ...] )". */
TableElements TableElementList(String tableName) :
{
    final List<SqlColumnDeclaration> columns = new ArrayList<SqlColumnDeclaration>();
    final List<SqlIdentifier> primaryKey = new ArrayList<SqlIdentifier>();
    final SqlWatermark[] watermark = { null };
}
{
    <LPAREN>
    TableElement(columns, primaryKey, watermark)
    ( <COMMA> TableElement(columns, primaryKey, watermark) )*
    <RPAREN>
    {
        int primaryKeys = primaryKey.isEmpty() ? 0 : 1;
        for (SqlColumnDeclaration column : columns) {
            if (column.primaryKey()) {
                primaryKeys++;
            }
        }
        if (primaryKeys > 1) {
            throw new dev.freshet.common.FreshetException(
                dev.freshet.common.ErrorCode.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"" + tableName + "\" are not allowed");
        }
        return new TableElements(columns, primaryKey, watermark[0]);
    }
}

void TableElement(List<SqlColumnDeclaration> columns, List<SqlIdentifier> primaryKey, SqlWatermark[] watermark) :
{
    final SqlNodeList keys;
    final SqlColumnDeclaration column;
    final SqlWatermark w;
}
{
    <PRIMARY> <KEY> keys = ParenthesizedSimpleIdentifierList() {
        if (!primaryKey.isEmpty()) {
            throw new dev.freshet.common.FreshetException(
                dev.freshet.common.ErrorCode.INVALID_TABLE_DEFINITION, "multiple primary keys are not allowed");
        }
        for (SqlNode key : keys) {
            primaryKey.add((SqlIdentifier) key);
        }
    }
|
    LOOKAHEAD(2) w = Watermark() {
        if (watermark[0] != null) {
            throw new dev.freshet.common.FreshetException(
                dev.freshet.common.ErrorCode.INVALID_TABLE_DEFINITION, "multiple WATERMARK clauses are not allowed");
        }
        watermark[0] = w;
    }
|
    column = ColumnDeclaration() { columns.add(column); }
}

SqlCreate FreshetCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final TableElements elements;
    final List<SqlOption> options;
}
{
    <TABLE> { rejectOrReplace(replace, "TABLE"); }
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    elements = TableElementList(name.toString())
    options = WithOptionsOpt()
    { return new SqlCreateTable(s.end(this), ifNotExists, name, elements, options); }
}

SqlCreate FreshetCreateSource(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    TableElements elements = new TableElements(new ArrayList<SqlColumnDeclaration>(),
        new ArrayList<SqlIdentifier>(), null);
    final List<SqlOption> options;
}
{
    <SOURCE> { rejectOrReplace(replace, "SOURCE"); }
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    [ elements = TableElementList(name.toString()) ]
    options = WithOptions()
    { return new SqlCreateSource(s.end(this), ifNotExists, name, elements, options); }
}

SqlCreate FreshetCreateSink(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlIdentifier from = null;
    SqlNode query = null;
    final List<SqlOption> options;
}
{
    <SINK> { rejectOrReplace(replace, "SINK"); }
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    (
        <FROM> from = CompoundIdentifier()
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    options = WithOptions()
    { return new SqlCreateSink(s.end(this), ifNotExists, name, from, query, options); }
}

SqlCreate FreshetCreateMaterializedView(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode query;
    boolean emitOnWindowClose = false;
}
{
    <MATERIALIZED> <VIEW> { rejectOrReplace(replace, "MATERIALIZED VIEW"); }
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    [ <EMIT> <ON> <WINDOW> <CLOSE> { emitOnWindowClose = true; } ]
    {
        return new SqlCreateMaterializedView(s.end(this), ifNotExists, name, identifiers(columns), query,
            emitOnWindowClose);
    }
}

SqlCreate FreshetCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = SqlNodeList.EMPTY;
    final SqlNode query;
}
{
    <VIEW>
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    { return new SqlCreateView(s.end(this), replace, name, identifiers(columns), query); }
}

JAVACODE List<SqlIdentifier> identifiers(SqlNodeList list) {
    final List<SqlIdentifier> identifiers = new ArrayList<SqlIdentifier>();
    for (SqlNode node : list) {
        identifiers.add((SqlIdentifier) node);
    }
    return identifiers;
}

/* ---------------------------------------------------------------------------------------------------------
 * DROP and SHOW
 * ------------------------------------------------------------------------------------------------------- */

ObjectKind ObjectKindName() :
{
}
{
    <TABLE> { return ObjectKind.TABLE; }
|
    <SOURCE> { return ObjectKind.SOURCE; }
|
    <MATERIALIZED> <VIEW> { return ObjectKind.MATERIALIZED_VIEW; }
|
    <VIEW> { return ObjectKind.VIEW; }
|
    <SINK> { return ObjectKind.SINK; }
}

SqlDrop FreshetDrop(Span s, boolean replace) :
{
    final ObjectKind kind;
    final boolean ifExists;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    SqlIdentifier name;
    boolean cascade = false;
}
{
    kind = ObjectKindName()
    ifExists = IfExistsOpt()
    name = CompoundIdentifier() { names.add(name); }
    ( <COMMA> name = CompoundIdentifier() { names.add(name); } )*
    [ <CASCADE> { cascade = true; } | <RESTRICT> ]
    { return new SqlDropObject(s.end(this), kind, ifExists, names, cascade); }
}

/**
 * Parses SHOW: object lists, SHOW CREATE, and session parameters under PostgreSQL's names
 * (SHOW TIME ZONE is "timezone", SHOW TRANSACTION ISOLATION LEVEL is "transaction_isolation").
 */
SqlNode FreshetShow() :
{
    final Span s;
    final ObjectKind kind;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        <TABLES> { return new SqlShowObjects(s.end(this), ObjectKind.TABLE); }
    |
        <SOURCES> { return new SqlShowObjects(s.end(this), ObjectKind.SOURCE); }
    |
        LOOKAHEAD(2) <MATERIALIZED> <VIEWS> { return new SqlShowObjects(s.end(this), ObjectKind.MATERIALIZED_VIEW); }
    |
        <SINKS> { return new SqlShowObjects(s.end(this), ObjectKind.SINK); }
    |
        <VIEWS> { return new SqlShowObjects(s.end(this), ObjectKind.VIEW); }
    |
        <CREATE> kind = ObjectKindName() name = CompoundIdentifier() {
            return new SqlShowCreate(s.end(this), kind, name);
        }
    |
        <ALL> { return new SqlShowParameter(s.end(this), "all"); }
    |
        <TIME> <ZONE> { return new SqlShowParameter(s.end(this), "timezone"); }
    |
        LOOKAHEAD(3) <TRANSACTION> <ISOLATION> <LEVEL> {
            return new SqlShowParameter(s.end(this), "transaction_isolation");
        }
    |
        LOOKAHEAD(2) <SESSION> <AUTHORIZATION> {
            return new SqlShowParameter(s.end(this), "session_authorization");
        }
    |
        name = CompoundIdentifier() { return new SqlShowParameter(s.end(this), parameterName(name)); }
    )
}

JAVACODE String parameterName(SqlIdentifier name) {
    return String.join(".", name.names);
}

/* ---------------------------------------------------------------------------------------------------------
 * SET / RESET (Calcite's setOptionParserMethod hook; also reached by ALTER {SYSTEM | SESSION} ...)
 * ------------------------------------------------------------------------------------------------------- */

SqlAlter FreshetSetOption(Span s, String scope) :
{
    boolean local = false;
    String name;
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode value;
    SqlIdentifier id;
    TransactionModes modes;
}
{
    <SET> { s.add(this); }
    (
        LOOKAHEAD(2) <SESSION> <CHARACTERISTICS> <AS> <TRANSACTION> modes = TransactionModeList() {
            return new SqlSetTransaction(s.end(this), scope, true, modes);
        }
    |
        <TRANSACTION> modes = TransactionModeList() {
            return new SqlSetTransaction(s.end(this), scope, false, modes);
        }
    |
        [ LOOKAHEAD(2) <SESSION> | LOOKAHEAD(2) <LOCAL> { local = true; } ]
        (
            <TIME> <ZONE> { name = "timezone"; }
            (
                <LOCAL>
            |
                <DEFAULT_>
            |
                value = SetValue() { values.add(value); }
            )
        |
            <SCHEMA> { name = "search_path"; } value = SetValue() { values.add(value); }
        |
            <NAMES> { name = "client_encoding"; } value = SetValue() { values.add(value); }
        |
            id = CompoundIdentifier() { name = parameterName(id); }
            ( <EQ> | <TO> )
            (
                <DEFAULT_>
            |
                value = SetValue() { values.add(value); }
                ( <COMMA> value = SetValue() { values.add(value); } )*
            )
        )
        { return new SqlSetParameter(s.end(this), scope, name, local, values); }
    )
|
    <RESET> { s.add(this); }
    (
        <ALL> { name = "all"; }
    |
        <TIME> <ZONE> { name = "timezone"; }
    |
        LOOKAHEAD(2) <SESSION> <AUTHORIZATION> { name = "session_authorization"; }
    |
        id = CompoundIdentifier() { name = parameterName(id); }
    )
    { return new SqlResetParameter(s.end(this), scope, name); }
}

/** A SET value: a literal, or a bare word kept as an identifier (SET search_path TO public). */
SqlNode SetValue() :
{
    final SqlNode e;
}
{
    (
        e = StringLiteral() { return SqlLiteral.unchain(e); }
    |
        e = NumericLiteral() { return e; }
    |
        e = SpecialLiteral() { return e; }
    |
        e = DollarQuotedStringLiteral() { return e; }
    |
        <ON> { return SqlLiteral.createCharString("on", getPos()); }
    |
        e = SimpleIdentifier() { return e; }
    )
}

/* ---------------------------------------------------------------------------------------------------------
 * Transactions
 * ------------------------------------------------------------------------------------------------------- */

TransactionModes TransactionModeList() :
{
    TransactionModes modes = TransactionModes.NONE;
}
{
    [
        modes = TransactionMode(modes)
        ( [ <COMMA> ] modes = TransactionMode(modes) )*
    ]
    { return modes; }
}

TransactionModes TransactionMode(TransactionModes modes) :
{
}
{
    <ISOLATION> <LEVEL>
    (
        <SERIALIZABLE> { return modes.withIsolationLevel(TransactionModes.IsolationLevel.SERIALIZABLE); }
    |
        <REPEATABLE> <READ> { return modes.withIsolationLevel(TransactionModes.IsolationLevel.REPEATABLE_READ); }
    |
        LOOKAHEAD(2) <READ> <COMMITTED> {
            return modes.withIsolationLevel(TransactionModes.IsolationLevel.READ_COMMITTED);
        }
    |
        <READ> <UNCOMMITTED> { return modes.withIsolationLevel(TransactionModes.IsolationLevel.READ_UNCOMMITTED); }
    )
|
    LOOKAHEAD(2) <READ> <ONLY> { return modes.withReadOnly(true); }
|
    <READ> <WRITE> { return modes.withReadOnly(false); }
|
    <DEFERRABLE> { return modes.withDeferrable(true); }
|
    <NOT> <DEFERRABLE> { return modes.withDeferrable(false); }
}

SqlNode FreshetTransaction() :
{
    final Span s;
    TransactionModes modes;
}
{
    <BEGIN> { s = span(); }
    [ <WORK> | <TRANSACTION> ]
    modes = TransactionModeList() { return new SqlTransaction(s.end(this), SqlTransaction.Kind.BEGIN, modes); }
|
    <START> { s = span(); } <TRANSACTION>
    modes = TransactionModeList() { return new SqlTransaction(s.end(this), SqlTransaction.Kind.BEGIN, modes); }
|
    ( <COMMIT> | <END> ) { s = span(); }
    [ <WORK> | <TRANSACTION> ]
    { return new SqlTransaction(s.end(this), SqlTransaction.Kind.COMMIT, TransactionModes.NONE); }
|
    ( <ROLLBACK> | <ABORT> ) { s = span(); }
    [ <WORK> | <TRANSACTION> ]
    { return new SqlTransaction(s.end(this), SqlTransaction.Kind.ROLLBACK, TransactionModes.NONE); }
}

/* ---------------------------------------------------------------------------------------------------------
 * EXPLAIN, DESCRIBE, FLUSH, SUBSCRIBE, COPY, cursors
 * ------------------------------------------------------------------------------------------------------- */

/**
 * Parses EXPLAIN in PostgreSQL's form (EXPLAIN query | DML | CREATE MATERIALIZED VIEW | CREATE SINK) and in
 * Calcite's (EXPLAIN PLAN [...] FOR ...). Both give Calcite's SqlExplain.
 */
SqlNode FreshetExplain() :
{
    final Span s;
    final Span createSpan;
    SqlNode stmt;
    SqlExplainLevel detailLevel = SqlExplainLevel.EXPPLAN_ATTRIBUTES;
    SqlExplain.Depth depth = SqlExplain.Depth.PHYSICAL;
    SqlExplainFormat format = SqlExplainFormat.TEXT;
}
{
    <EXPLAIN> { s = span(); }
    [
        <PLAN>
        [ detailLevel = ExplainDetailLevel() ]
        depth = ExplainDepth()
        [
            LOOKAHEAD(2) <AS> <XML> { format = SqlExplainFormat.XML; }
        |
            LOOKAHEAD(2) <AS> <JSON> { format = SqlExplainFormat.JSON; }
        |
            <AS> <DOT_FORMAT> { format = SqlExplainFormat.DOT; }
        ]
        <FOR>
    ]
    (
        stmt = SqlQueryOrDml()
    |
        <CREATE> { createSpan = span(); }
        (
            stmt = FreshetCreateMaterializedView(createSpan, false)
        |
            stmt = FreshetCreateSink(createSpan, false)
        )
    )
    {
        return new SqlExplain(s.end(this), stmt, detailLevel.symbol(SqlParserPos.ZERO),
            depth.symbol(SqlParserPos.ZERO), format.symbol(SqlParserPos.ZERO), nDynamicParams);
    }
}

SqlNode FreshetDescribe() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <DESCRIBE> { s = span(); }
    name = CompoundIdentifier()
    { return new SqlDescribeObject(s.end(this), name); }
}

SqlNode FreshetFlush() :
{
}
{
    <FLUSH> { return new SqlFlush(getPos()); }
}

SqlSubscribe FreshetSubscribe() :
{
    final Span s;
    final SqlIdentifier name;
    final List<SqlOption> options;
}
{
    <SUBSCRIBE> { s = span(); }
    [ <TO> ]
    name = CompoundIdentifier()
    options = WithOptionsOpt()
    { return new SqlSubscribe(s.end(this), name, options); }
}

SqlNode FreshetCopy() :
{
    final Span s;
    final SqlNode source;
    final List<SqlOption> options;
}
{
    <COPY> { s = span(); }
    <LPAREN>
    (
        source = FreshetSubscribe()
    |
        source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    <RPAREN>
    <TO> <STDOUT>
    options = WithOptionsOpt()
    { return new SqlCopyTo(s.end(this), source, options); }
}

SqlNode FreshetDeclareCursor() :
{
    final Span s;
    final SqlIdentifier name;
    boolean withHold = false;
    final SqlNode query;
}
{
    <DECLARE> { s = span(); }
    name = SimpleIdentifier()
    <CURSOR>
    [
        <WITH> <HOLD> { withHold = true; }
    |
        <WITHOUT> <HOLD>
    ]
    <FOR>
    (
        query = FreshetSubscribe()
    |
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    { return new SqlDeclareCursor(s.end(this), name, withHold, query); }
}

SqlNode FreshetFetch() :
{
    final Span s;
    long count = 1;
    final SqlIdentifier name;
    final List<SqlOption> options;
}
{
    <FETCH> { s = span(); }
    [ LOOKAHEAD(2) <FORWARD> ]
    [
        <UNSIGNED_INTEGER_LITERAL> { count = Long.parseLong(token.image); }
    |
        <ALL> { count = SqlFetch.ALL; }
    |
        <NEXT>
    ]
    [ <FROM> | <IN> ]
    name = SimpleIdentifier()
    options = WithOptionsOpt()
    { return new SqlFetch(s.end(this), count, name, options); }
}

SqlNode FreshetCloseCursor() :
{
    final Span s;
    SqlIdentifier name = null;
}
{
    <CLOSE> { s = span(); }
    (
        <ALL>
    |
        name = SimpleIdentifier()
    )
    { return new SqlCloseCursor(s.end(this), name); }
}

/* ---------------------------------------------------------------------------------------------------------
 * PostgreSQL expressions: $n, $$strings$$, ::, OPERATOR(...), COLLATE, type names
 * ------------------------------------------------------------------------------------------------------- */

/** $$text$$ or $tag$text$tag$: a character literal whose text is taken verbatim. */
SqlNode DollarQuotedStringLiteral() :
{
}
{
    <DOLLAR_QUOTED_STRING> {
        final String image = token.image;
        final int tagLength = image.indexOf('$', 1) + 1;
        return SqlLiteral.createCharString(image.substring(tagLength, image.length() - tagLength), getPos());
    }
}

/**
 * TIMESTAMPTZ '2024-01-02 03:04:05+02': PostgreSQL's typed literal for its timestamptz alias (Calcite
 * knows only TIMESTAMP '...'), read as a cast of the string so that PostgreSQL's text form applies.
 */
SqlNode TimestampTzLiteral() :
{
    final Span s;
}
{
    LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.equalsIgnoreCase("timestamptz")
        && getToken(2).kind == QUOTED_STRING })
    <IDENTIFIER> { s = span(); }
    <QUOTED_STRING> {
        final SqlNode text = SqlLiteral.createCharString(SqlParserUtil.parseString(token.image), getPos());
        final SqlDataTypeSpec type = new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, s.pos()), s.pos());
        return SqlStdOperatorTable.CAST.createCall(s.end(this), text, type);
    }
}

/** $1, $2, ...: a positional parameter, as a dynamic parameter with index n - 1. */
SqlNode PositionalParameter() :
{
}
{
    <POSITIONAL_PARAM> {
        final int index = Integer.parseInt(token.image.substring(1)) - 1;
        if (index < 0) {
            throw new ParseException("there is no parameter " + token.image);
        }
        return new SqlDynamicParam(index, getPos());
    }
}

/**
 * expr::type. Binds tighter than every binary operator (as in PostgreSQL): it casts only the operand just
 * parsed, so a + b::int casts b, and x::regclass::oid chains. Produces the standard CAST.
 */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
    final SqlIntervalQualifier interval;
    final SqlNode target;
}
{
    <INFIX_CAST> { checkNonQueryExpression(exprContext); }
    (
        LOOKAHEAD(2) <INTERVAL> interval = IntervalQualifier() { target = interval; }
    |
        LOOKAHEAD({ getToken(1).kind == INTERVAL }) <INTERVAL> interval = IntervalWithoutQualifier() {
            target = interval;
        }
    |
        dt = DataType() { target = dt; }
    )
    {
        final int last = list.size() - 1;
        final SqlNode operand;
        if (list.get(last) instanceof SqlNode) {
            operand = (SqlNode) list.remove(last);
        } else {
            operand = SqlParserUtil.toTree(list);
            list.clear();
        }
        list.add(SqlStdOperatorTable.CAST.createCall(
            operand.getParserPosition().plus(target.getParserPosition()), operand, target));
    }
}

/** a OPERATOR(pg_catalog.op) b, as psql writes its catalog queries. */
void OperatorCall(List<Object> list, ExprContext exprContext, Span s) :
{
    final String symbol;
    final SqlParserPos pos;
}
{
    <OPERATOR> { checkNonQueryExpression(exprContext); pos = getPos(); }
    <LPAREN>
    [ LOOKAHEAD(2) Identifier() <DOT> ]
    symbol = OperatorSymbol()
    <RPAREN> {
        final SqlOperator op = FreshetSqlOperators.binaryOperator(symbol);
        if (op == null) {
            throw new ParseException("operator does not exist: " + symbol);
        }
        list.add(new SqlParserUtil.ToTreeListItem(op, pos));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

String OperatorSymbol() :
{
    String symbol;
}
{
    (
        <EQ> { symbol = "="; }
    |   <NE> { symbol = "<>"; }
    |   <NE2> { symbol = "!="; }
    |   <LT> { symbol = "<"; }
    |   <LE> { symbol = "<="; }
    |   <GT> { symbol = ">"; }
    |   <GE> { symbol = ">="; }
    |   <PLUS> { symbol = "+"; }
    |   <MINUS> { symbol = "-"; }
    |   <STAR> { symbol = "*"; }
    |   <SLASH> { symbol = "/"; }
    |   <PERCENT_REMAINDER> { symbol = "%"; }
    |   <CONCAT> { symbol = "||"; }
    |   <TILDE> { symbol = "~"; } [ <STAR> { symbol = "~*"; } ]
    |   <NEGATE> <TILDE> { symbol = "!~"; } [ <STAR> { symbol = "!~*"; } ]
    )
    { return symbol; }
}

/**
 * expr COLLATE name (COLLATE "C", COLLATE pg_catalog.default): accepted and dropped. Freshet compares text by
 * code point, so every collation behaves as "C".
 */
void CollateClauseIgnored(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <COLLATE> CollationNamePart() ( <DOT> CollationNamePart() )*
}

/**
 * (expr).field: PostgreSQL's selection of a field of a composite value, e.g. pgjdbc's
 * (information_schema._pg_expandarray(i.indkey)).n, as Calcite's DOT operator. Compound names
 * (t.c) are read by the identifier rule first and never reach here.
 */
void FieldSelection(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlIdentifier field;
}
{
    <DOT> field = SimpleIdentifier() {
        final int last = list.size() - 1;
        final SqlNode operand;
        if (list.get(last) instanceof SqlNode) {
            operand = (SqlNode) list.remove(last);
        } else {
            operand = SqlParserUtil.toTree(list);
            list.clear();
        }
        list.add(SqlStdOperatorTable.DOT.createCall(operand.getParserPosition().plus(field.getParserPosition()),
            operand, field));
    }
}

void CollationNamePart() :
{
}
{
    Identifier()
|
    <DEFAULT_>
}

/**
 * PostgreSQL's type names that Calcite lacks (see PostgresTypeNames) keep their PostgreSQL spelling through
 * SqlAlienSystemTypeNameSpec. TIMESTAMP [WITH | WITHOUT] TIME ZONE is parsed here too, so that
 * WITH TIME ZONE means TIMESTAMP WITH LOCAL TIME ZONE (an instant, as PostgreSQL's timestamptz is).
 * Names with no Calcite type (regclass, oid, name, ...) fall through to Calcite's user-defined type name.
 */
SqlTypeNameSpec PostgresTypeName() :
{
    final Span s;
    int precision = -1;
    SqlTypeName typeName;
}
{
    LOOKAHEAD({ PostgresTypeNames.aliasedType(getToken(1).kind == IDENTIFIER ? getToken(1).image : "") != null })
    <IDENTIFIER> {
        return new SqlAlienSystemTypeNameSpec(token.image.toUpperCase(Locale.ROOT), PostgresTypeNames.aliasedType(token.image),
            getPos());
    }
|
    <TIMESTAMP> { s = span(); }
    precision = PrecisionOpt()
    (
        <WITHOUT> <TIME> <ZONE> { typeName = SqlTypeName.TIMESTAMP; }
    |
        <WITH> [ <LOCAL> ] <TIME> <ZONE> { typeName = SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE; }
    |
        { typeName = SqlTypeName.TIMESTAMP; }
    )
    { return new SqlBasicTypeNameSpec(typeName, precision, s.end(this)); }
}

/**
 * current_schema() and current_catalog(): PostgreSQL (and pgjdbc, on every connect) call these with
 * parentheses, which Calcite's context variables do not take. Gives the same node as the bare keyword.
 */
SqlNode NiladicFunctionWithParentheses() :
{
    final SqlOperator op;
    final Span s;
}
{
    (
        <CURRENT_SCHEMA> { op = SqlStdOperatorTable.CURRENT_SCHEMA; }
    |
        <CURRENT_CATALOG> { op = SqlStdOperatorTable.CURRENT_CATALOG; }
    )
    { s = span(); }
    <LPAREN> <RPAREN>
    { return op.createCall(s.end(this)); }
}
