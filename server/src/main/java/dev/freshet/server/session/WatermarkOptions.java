package dev.freshet.server.session;

import static java.lang.String.format;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.ddl.SqlOption;
import dev.freshet.planner.WatermarkDescriptor;

/**
 * The options of {@code WATERMARK FOR ... WITH (...)}, checked when a table is created. The one
 * option is {@code idle_timeout}: how long the table may receive no row before its watermark
 * advances with wall-clock time (see {@link IdleWatermarks}).
 */
final class WatermarkOptions {
    static final String IDLE_TIMEOUT = "idle_timeout";

    /** The options a WATERMARK accepts, as an error lists them. */
    private static final List<String> KNOWN = List.of(IDLE_TIMEOUT);

    private WatermarkOptions() {
    }

    /**
     * The declaration with the options applied; options left out keep their defaults.
     *
     * @throws FreshetException {@code INVALID_PARAMETER_VALUE} for an unknown option, an option given
     *     twice, or a value that is not a duration
     */
    static WatermarkDescriptor apply(WatermarkDescriptor watermark, List<SqlOption> options) {
        WatermarkDescriptor result = watermark;
        Set<String> seen = new HashSet<>();
        for (SqlOption option : options) {
            if (!KNOWN.contains(option.key())) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        format("unrecognized WATERMARK option \"%s\" (known options: %s)", option.key(),
                                String.join(", ", KNOWN)));
            }
            if (!seen.add(option.key())) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        format("WATERMARK option \"%s\" specified more than once", option.key()));
            }
            long millis = DurationParser.parse(format("WATERMARK option \"%s\"", IDLE_TIMEOUT),
                    option.valueAsString()).toMillis();
            result = result.withIdleTimeoutMillis(millis);
        }
        return result;
    }
}
