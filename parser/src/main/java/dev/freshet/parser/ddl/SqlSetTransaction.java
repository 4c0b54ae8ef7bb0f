package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code SET TRANSACTION modes} and {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}. Clients (pgjdbc,
 * DBeaver) send these on connect; Freshet reads one committed epoch whatever the level, so the server may
 * treat this as a no-op.
 */
public final class SqlSetTransaction extends SqlAlter {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("SET TRANSACTION", SqlKind.SET_OPTION);

    private final boolean sessionCharacteristics;
    private final TransactionModes modes;

    public SqlSetTransaction(SqlParserPos pos, @Nullable String alterScope, boolean sessionCharacteristics,
            TransactionModes modes) {
        super(pos, alterScope);
        this.sessionCharacteristics = sessionCharacteristics;
        this.modes = requireNonNull(modes, "modes is null");
    }

    /** True for {@code SET SESSION CHARACTERISTICS AS TRANSACTION}, false for {@code SET TRANSACTION}. */
    public boolean sessionCharacteristics() {
        return sessionCharacteristics;
    }

    public TransactionModes modes() {
        return modes;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createBoolean(sessionCharacteristics, SqlParserPos.ZERO),
                SqlLiteral.createCharString(modes.toSql(), SqlParserPos.ZERO));
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(sessionCharacteristics ? "SET SESSION CHARACTERISTICS AS TRANSACTION" : "SET TRANSACTION");
        modes.unparse(writer);
    }
}
