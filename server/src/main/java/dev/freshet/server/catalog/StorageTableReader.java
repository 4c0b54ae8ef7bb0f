package dev.freshet.server.catalog;

import dev.freshet.planner.TableReader;
import dev.freshet.storage.KvReader;

/**
 * A {@link TableReader} over one storage read: what the server hands every statement it runs (a
 * snapshot, or a write transaction's view). The {@code freshet_catalog} tables read the
 * dataflow's bookkeeping (watermarks, late rows, state tables) through it, so a statement sees it
 * as of the same moment as its tables and views.
 */
public interface StorageTableReader extends TableReader {
    /** The storage read the statement's table scans go through; open while the statement runs. */
    KvReader storage();
}
