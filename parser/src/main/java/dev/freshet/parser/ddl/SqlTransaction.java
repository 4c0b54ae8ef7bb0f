package dev.freshet.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Transaction control: {@code BEGIN [WORK | TRANSACTION] [modes]} and {@code START TRANSACTION [modes]}
 * ({@link Kind#BEGIN}), {@code COMMIT | END [WORK | TRANSACTION]} ({@link Kind#COMMIT}),
 * {@code ROLLBACK | ABORT [WORK | TRANSACTION]} ({@link Kind#ROLLBACK}).
 */
public final class SqlTransaction extends SqlCommand {
    public static final SqlOperator OPERATOR = new SqlSpecialOperator("TRANSACTION", SqlKind.OTHER);

    /** What the statement does to the session's transaction. */
    public enum Kind {
        BEGIN,
        COMMIT,
        ROLLBACK
    }

    private final Kind kind;
    private final TransactionModes modes;

    public SqlTransaction(SqlParserPos pos, Kind kind, TransactionModes modes) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.modes = requireNonNull(modes, "modes is null");
    }

    public Kind transactionKind() {
        return kind;
    }

    /** The modes given to BEGIN / START TRANSACTION; {@link TransactionModes#NONE} otherwise. */
    public TransactionModes modes() {
        return modes;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(SqlLiteral.createSymbol(kind, SqlParserPos.ZERO),
                SqlLiteral.createCharString(modes.toSql(), SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(kind.name());
        modes.unparse(writer);
    }
}
