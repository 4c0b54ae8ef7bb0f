package dev.freshet.server.catalog;

import static dev.freshet.server.catalog.PgCatalogSnapshot.BTREE_AM_OID;
import static dev.freshet.server.catalog.PgCatalogSnapshot.DATABASE_OID;
import static dev.freshet.server.catalog.PgCatalogSnapshot.DEFAULT_COLLATION_OID;
import static dev.freshet.server.catalog.PgCatalogSnapshot.HEAP_AM_OID;
import static dev.freshet.server.catalog.PgCatalogSnapshot.PG_CATALOG_OID;
import static dev.freshet.server.catalog.PgCatalogSnapshot.SUPERUSER_OID;

import java.util.ArrayList;
import java.util.List;

import dev.freshet.planner.SqlPlanner;
import dev.freshet.server.catalog.PgCatalogSnapshot.Attribute;
import dev.freshet.server.catalog.PgCatalogSnapshot.Namespace;
import dev.freshet.server.catalog.PgCatalogSnapshot.Relation;

/**
 * The tables and views of {@code pg_catalog}, with PostgreSQL 15's names, column names and types
 * (the columns clients read; PostgreSQL's internal ones such as {@code relfrozenxid} are left
 * out), and their rows computed from a {@link PgCatalogSnapshot}.
 *
 * <p>Tables whose objects Freshet does not have (triggers, policies, publications, …) exist and
 * are empty, because clients query them unconditionally (psql's {@code \d}).
 */
final class PgCatalogTables {
    private static final String PG = SqlPlanner.PG_CATALOG_SCHEMA;
    private static final long TABLESPACE_DEFAULT_OID = 1663;
    private static final long TABLESPACE_GLOBAL_OID = 1664;
    private static final long C_COLLATION_OID = 950;
    private static final long POSIX_COLLATION_OID = 951;
    /** pg_database.encoding of UTF8. */
    static final int UTF8_ENCODING = 6;

    static final SystemTableDefinition PG_NAMESPACE = table("pg_namespace", 2615)
            .column("oid", PgType.OID).column("nspname", PgType.NAME).column("nspowner", PgType.OID)
            .column("nspacl", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_CLASS = table("pg_class", 1259)
            .column("oid", PgType.OID).column("relname", PgType.NAME).column("relnamespace", PgType.OID)
            .column("reltype", PgType.OID).column("reloftype", PgType.OID).column("relowner", PgType.OID)
            .column("relam", PgType.OID).column("relfilenode", PgType.OID).column("reltablespace", PgType.OID)
            .column("relpages", PgType.INT4).column("reltuples", PgType.FLOAT4).column("relallvisible", PgType.INT4)
            .column("reltoastrelid", PgType.OID).column("relhasindex", PgType.BOOL)
            .column("relisshared", PgType.BOOL).column("relpersistence", PgType.CHAR)
            .column("relkind", PgType.CHAR).column("relnatts", PgType.INT2).column("relchecks", PgType.INT2)
            .column("relhasrules", PgType.BOOL).column("relhastriggers", PgType.BOOL)
            .column("relhassubclass", PgType.BOOL).column("relrowsecurity", PgType.BOOL)
            .column("relforcerowsecurity", PgType.BOOL).column("relispopulated", PgType.BOOL)
            .column("relreplident", PgType.CHAR).column("relispartition", PgType.BOOL)
            .column("relrewrite", PgType.OID).column("relacl", PgType.TEXT_ARRAY)
            .column("reloptions", PgType.TEXT_ARRAY).column("relpartbound", PgType.TEXT).build();

    static final SystemTableDefinition PG_ATTRIBUTE = table("pg_attribute", 1249)
            .column("attrelid", PgType.OID).column("attname", PgType.NAME).column("atttypid", PgType.OID)
            .column("attstattarget", PgType.INT4).column("attlen", PgType.INT2).column("attnum", PgType.INT2)
            .column("attndims", PgType.INT4).column("attcacheoff", PgType.INT4).column("atttypmod", PgType.INT4)
            .column("attbyval", PgType.BOOL).column("attalign", PgType.CHAR).column("attstorage", PgType.CHAR)
            .column("attcompression", PgType.CHAR).column("attnotnull", PgType.BOOL)
            .column("atthasdef", PgType.BOOL).column("atthasmissing", PgType.BOOL)
            .column("attidentity", PgType.CHAR).column("attgenerated", PgType.CHAR)
            .column("attisdropped", PgType.BOOL).column("attislocal", PgType.BOOL)
            .column("attinhcount", PgType.INT4).column("attcollation", PgType.OID)
            .column("attacl", PgType.TEXT_ARRAY).column("attoptions", PgType.TEXT_ARRAY)
            .column("attfdwoptions", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_TYPE = table("pg_type", 1247)
            .column("oid", PgType.OID).column("typname", PgType.NAME).column("typnamespace", PgType.OID)
            .column("typowner", PgType.OID).column("typlen", PgType.INT2).column("typbyval", PgType.BOOL)
            .column("typtype", PgType.CHAR).column("typcategory", PgType.CHAR)
            .column("typispreferred", PgType.BOOL).column("typisdefined", PgType.BOOL)
            .column("typdelim", PgType.CHAR).column("typrelid", PgType.OID).column("typsubscript", PgType.REGPROC)
            .column("typelem", PgType.OID).column("typarray", PgType.OID).column("typinput", PgType.REGPROC)
            .column("typoutput", PgType.REGPROC).column("typreceive", PgType.REGPROC)
            .column("typsend", PgType.REGPROC).column("typmodin", PgType.REGPROC)
            .column("typmodout", PgType.REGPROC).column("typanalyze", PgType.REGPROC)
            .column("typalign", PgType.CHAR).column("typstorage", PgType.CHAR).column("typnotnull", PgType.BOOL)
            .column("typbasetype", PgType.OID).column("typtypmod", PgType.INT4).column("typndims", PgType.INT4)
            .column("typcollation", PgType.OID).column("typdefaultbin", PgType.TEXT)
            .column("typdefault", PgType.TEXT).column("typacl", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_INDEX = table("pg_index", 2610)
            .column("indexrelid", PgType.OID).column("indrelid", PgType.OID).column("indnatts", PgType.INT2)
            .column("indnkeyatts", PgType.INT2).column("indisunique", PgType.BOOL)
            .column("indnullsnotdistinct", PgType.BOOL).column("indisprimary", PgType.BOOL)
            .column("indisexclusion", PgType.BOOL).column("indimmediate", PgType.BOOL)
            .column("indisclustered", PgType.BOOL).column("indisvalid", PgType.BOOL)
            .column("indcheckxmin", PgType.BOOL).column("indisready", PgType.BOOL)
            .column("indislive", PgType.BOOL).column("indisreplident", PgType.BOOL)
            .column("indkey", PgType.INT2VECTOR).column("indcollation", PgType.OIDVECTOR)
            .column("indclass", PgType.OIDVECTOR).column("indoption", PgType.INT2VECTOR)
            .column("indexprs", PgType.TEXT).column("indpred", PgType.TEXT).build();

    static final SystemTableDefinition PG_CONSTRAINT = table("pg_constraint", 2606)
            .column("oid", PgType.OID).column("conname", PgType.NAME).column("connamespace", PgType.OID)
            .column("contype", PgType.CHAR).column("condeferrable", PgType.BOOL)
            .column("condeferred", PgType.BOOL).column("convalidated", PgType.BOOL)
            .column("conrelid", PgType.OID).column("contypid", PgType.OID).column("conindid", PgType.OID)
            .column("conparentid", PgType.OID).column("confrelid", PgType.OID)
            .column("confupdtype", PgType.CHAR).column("confdeltype", PgType.CHAR)
            .column("confmatchtype", PgType.CHAR).column("conislocal", PgType.BOOL)
            .column("coninhcount", PgType.INT4).column("connoinherit", PgType.BOOL)
            .column("conkey", PgType.TEXT_ARRAY).column("confkey", PgType.TEXT_ARRAY)
            .column("conpfeqop", PgType.TEXT_ARRAY).column("conppeqop", PgType.TEXT_ARRAY)
            .column("conffeqop", PgType.TEXT_ARRAY).column("confdelsetcols", PgType.TEXT_ARRAY)
            .column("conexclop", PgType.TEXT_ARRAY).column("conbin", PgType.TEXT).build();

    static final SystemTableDefinition PG_ATTRDEF = table("pg_attrdef", 2604)
            .column("oid", PgType.OID).column("adrelid", PgType.OID).column("adnum", PgType.INT2)
            .column("adbin", PgType.TEXT).build();

    static final SystemTableDefinition PG_DESCRIPTION = table("pg_description", 2609)
            .column("objoid", PgType.OID).column("classoid", PgType.OID).column("objsubid", PgType.INT4)
            .column("description", PgType.TEXT).build();

    static final SystemTableDefinition PG_SHDESCRIPTION = table("pg_shdescription", 2396)
            .column("objoid", PgType.OID).column("classoid", PgType.OID).column("description", PgType.TEXT).build();

    static final SystemTableDefinition PG_DATABASE = table("pg_database", 1262)
            .column("oid", PgType.OID).column("datname", PgType.NAME).column("datdba", PgType.OID)
            .column("encoding", PgType.INT4).column("datlocprovider", PgType.CHAR)
            .column("datistemplate", PgType.BOOL).column("datallowconn", PgType.BOOL)
            .column("datconnlimit", PgType.INT4).column("dattablespace", PgType.OID)
            .column("datcollate", PgType.TEXT).column("datctype", PgType.TEXT).column("daticulocale", PgType.TEXT)
            .column("datcollversion", PgType.TEXT).column("datacl", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_AUTHID = table("pg_authid", 1260)
            .column("oid", PgType.OID).column("rolname", PgType.NAME).column("rolsuper", PgType.BOOL)
            .column("rolinherit", PgType.BOOL).column("rolcreaterole", PgType.BOOL)
            .column("rolcreatedb", PgType.BOOL).column("rolcanlogin", PgType.BOOL)
            .column("rolreplication", PgType.BOOL).column("rolbypassrls", PgType.BOOL)
            .column("rolconnlimit", PgType.INT4).column("rolpassword", PgType.TEXT)
            .column("rolvaliduntil", PgType.TIMESTAMPTZ).build();

    static final SystemTableDefinition PG_AUTH_MEMBERS = table("pg_auth_members", 1261)
            .column("roleid", PgType.OID).column("member", PgType.OID).column("grantor", PgType.OID)
            .column("admin_option", PgType.BOOL).build();

    static final SystemTableDefinition PG_ROLES = view("pg_roles", 12001)
            .column("rolname", PgType.NAME).column("rolsuper", PgType.BOOL).column("rolinherit", PgType.BOOL)
            .column("rolcreaterole", PgType.BOOL).column("rolcreatedb", PgType.BOOL)
            .column("rolcanlogin", PgType.BOOL).column("rolreplication", PgType.BOOL)
            .column("rolconnlimit", PgType.INT4).column("rolpassword", PgType.TEXT)
            .column("rolvaliduntil", PgType.TIMESTAMPTZ).column("rolbypassrls", PgType.BOOL)
            .column("rolconfig", PgType.TEXT_ARRAY).column("oid", PgType.OID).build();

    static final SystemTableDefinition PG_USER = view("pg_user", 12005)
            .column("usename", PgType.NAME).column("usesysid", PgType.OID).column("usecreatedb", PgType.BOOL)
            .column("usesuper", PgType.BOOL).column("userepl", PgType.BOOL).column("usebypassrls", PgType.BOOL)
            .column("passwd", PgType.TEXT).column("valuntil", PgType.TIMESTAMPTZ)
            .column("useconfig", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_SETTINGS = view("pg_settings", 12010)
            .column("name", PgType.TEXT).column("setting", PgType.TEXT).column("unit", PgType.TEXT)
            .column("category", PgType.TEXT).column("short_desc", PgType.TEXT).column("extra_desc", PgType.TEXT)
            .column("context", PgType.TEXT).column("vartype", PgType.TEXT).column("source", PgType.TEXT)
            .column("min_val", PgType.TEXT).column("max_val", PgType.TEXT).column("enumvals", PgType.TEXT_ARRAY)
            .column("boot_val", PgType.TEXT).column("reset_val", PgType.TEXT).column("sourcefile", PgType.TEXT)
            .column("sourceline", PgType.INT4).column("pending_restart", PgType.BOOL).build();

    static final SystemTableDefinition PG_AM = table("pg_am", 2601)
            .column("oid", PgType.OID).column("amname", PgType.NAME).column("amhandler", PgType.REGPROC)
            .column("amtype", PgType.CHAR).build();

    static final SystemTableDefinition PG_PROC = table("pg_proc", 1255)
            .column("oid", PgType.OID).column("proname", PgType.NAME).column("pronamespace", PgType.OID)
            .column("proowner", PgType.OID).column("prolang", PgType.OID).column("procost", PgType.FLOAT4)
            .column("prorows", PgType.FLOAT4).column("provariadic", PgType.OID).column("prosupport", PgType.REGPROC)
            .column("prokind", PgType.CHAR).column("prosecdef", PgType.BOOL).column("proleakproof", PgType.BOOL)
            .column("proisstrict", PgType.BOOL).column("proretset", PgType.BOOL).column("provolatile", PgType.CHAR)
            .column("proparallel", PgType.CHAR).column("pronargs", PgType.INT2)
            .column("pronargdefaults", PgType.INT2).column("prorettype", PgType.OID)
            .column("proargtypes", PgType.OIDVECTOR).column("proallargtypes", PgType.TEXT_ARRAY)
            .column("proargmodes", PgType.TEXT_ARRAY).column("proargnames", PgType.TEXT_ARRAY)
            .column("proargdefaults", PgType.TEXT).column("protrftypes", PgType.TEXT_ARRAY)
            .column("prosrc", PgType.TEXT).column("probin", PgType.TEXT).column("prosqlbody", PgType.TEXT)
            .column("proconfig", PgType.TEXT_ARRAY).column("proacl", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_TABLESPACE = table("pg_tablespace", 1213)
            .column("oid", PgType.OID).column("spcname", PgType.NAME).column("spcowner", PgType.OID)
            .column("spcacl", PgType.TEXT_ARRAY).column("spcoptions", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_COLLATION = table("pg_collation", 3456)
            .column("oid", PgType.OID).column("collname", PgType.NAME).column("collnamespace", PgType.OID)
            .column("collowner", PgType.OID).column("collprovider", PgType.CHAR)
            .column("collisdeterministic", PgType.BOOL).column("collencoding", PgType.INT4)
            .column("collcollate", PgType.TEXT).column("collctype", PgType.TEXT)
            .column("colliculocale", PgType.TEXT).column("collversion", PgType.TEXT).build();

    static final SystemTableDefinition PG_INHERITS = table("pg_inherits", 2611)
            .column("inhrelid", PgType.OID).column("inhparent", PgType.OID).column("inhseqno", PgType.INT4)
            .column("inhdetachpending", PgType.BOOL).build();

    static final SystemTableDefinition PG_TRIGGER = table("pg_trigger", 2620)
            .column("oid", PgType.OID).column("tgrelid", PgType.OID).column("tgparentid", PgType.OID)
            .column("tgname", PgType.NAME).column("tgfoid", PgType.OID).column("tgtype", PgType.INT2)
            .column("tgenabled", PgType.CHAR).column("tgisinternal", PgType.BOOL)
            .column("tgconstrrelid", PgType.OID).column("tgconstrindid", PgType.OID)
            .column("tgconstraint", PgType.OID).column("tgdeferrable", PgType.BOOL)
            .column("tginitdeferred", PgType.BOOL).column("tgnargs", PgType.INT2)
            .column("tgattr", PgType.INT2VECTOR).column("tgargs", PgType.BYTEA).column("tgqual", PgType.TEXT)
            .column("tgoldtable", PgType.NAME).column("tgnewtable", PgType.NAME).build();

    static final SystemTableDefinition PG_REWRITE = table("pg_rewrite", 2618)
            .column("oid", PgType.OID).column("rulename", PgType.NAME).column("ev_class", PgType.OID)
            .column("ev_type", PgType.CHAR).column("ev_enabled", PgType.CHAR).column("is_instead", PgType.BOOL)
            .column("ev_qual", PgType.TEXT).column("ev_action", PgType.TEXT).build();

    static final SystemTableDefinition PG_POLICY = table("pg_policy", 3256)
            .column("oid", PgType.OID).column("polname", PgType.NAME).column("polrelid", PgType.OID)
            .column("polcmd", PgType.CHAR).column("polpermissive", PgType.BOOL)
            .column("polroles", PgType.OID_ARRAY).column("polqual", PgType.TEXT)
            .column("polwithcheck", PgType.TEXT).build();

    static final SystemTableDefinition PG_STATISTIC_EXT = table("pg_statistic_ext", 3381)
            .column("oid", PgType.OID).column("stxrelid", PgType.OID).column("stxname", PgType.NAME)
            .column("stxnamespace", PgType.OID).column("stxowner", PgType.OID)
            .column("stxstattarget", PgType.INT4).column("stxkeys", PgType.INT2VECTOR)
            .column("stxkind", PgType.CHAR_ARRAY).column("stxexprs", PgType.TEXT).build();

    static final SystemTableDefinition PG_PUBLICATION = table("pg_publication", 6104)
            .column("oid", PgType.OID).column("pubname", PgType.NAME).column("pubowner", PgType.OID)
            .column("puballtables", PgType.BOOL).column("pubinsert", PgType.BOOL)
            .column("pubupdate", PgType.BOOL).column("pubdelete", PgType.BOOL)
            .column("pubtruncate", PgType.BOOL).column("pubviaroot", PgType.BOOL).build();

    static final SystemTableDefinition PG_PUBLICATION_REL = table("pg_publication_rel", 6106)
            .column("oid", PgType.OID).column("prpubid", PgType.OID).column("prrelid", PgType.OID)
            .column("prqual", PgType.TEXT).column("prattrs", PgType.INT2VECTOR).build();

    static final SystemTableDefinition PG_PUBLICATION_NAMESPACE = table("pg_publication_namespace", 6237)
            .column("oid", PgType.OID).column("pnpubid", PgType.OID).column("pnnspid", PgType.OID).build();

    static final SystemTableDefinition PG_FOREIGN_TABLE = table("pg_foreign_table", 3118)
            .column("ftrelid", PgType.OID).column("ftserver", PgType.OID)
            .column("ftoptions", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_FOREIGN_SERVER = table("pg_foreign_server", 1417)
            .column("oid", PgType.OID).column("srvname", PgType.NAME).column("srvowner", PgType.OID)
            .column("srvfdw", PgType.OID).column("srvtype", PgType.TEXT).column("srvversion", PgType.TEXT)
            .column("srvacl", PgType.TEXT_ARRAY).column("srvoptions", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_FOREIGN_DATA_WRAPPER = table("pg_foreign_data_wrapper", 2328)
            .column("oid", PgType.OID).column("fdwname", PgType.NAME).column("fdwowner", PgType.OID)
            .column("fdwhandler", PgType.OID).column("fdwvalidator", PgType.OID)
            .column("fdwacl", PgType.TEXT_ARRAY).column("fdwoptions", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_EXTENSION = table("pg_extension", 3079)
            .column("oid", PgType.OID).column("extname", PgType.NAME).column("extowner", PgType.OID)
            .column("extnamespace", PgType.OID).column("extrelocatable", PgType.BOOL)
            .column("extversion", PgType.TEXT).column("extconfig", PgType.TEXT_ARRAY)
            .column("extcondition", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_ENUM = table("pg_enum", 3501)
            .column("oid", PgType.OID).column("enumtypid", PgType.OID).column("enumsortorder", PgType.FLOAT4)
            .column("enumlabel", PgType.NAME).build();

    static final SystemTableDefinition PG_RANGE = table("pg_range", 3541)
            .column("rngtypid", PgType.OID).column("rngsubtype", PgType.OID).column("rngmultitypid", PgType.OID)
            .column("rngcollation", PgType.OID).column("rngsubopc", PgType.OID)
            .column("rngcanonical", PgType.REGPROC).column("rngsubdiff", PgType.REGPROC).build();

    static final SystemTableDefinition PG_EVENT_TRIGGER = table("pg_event_trigger", 3466)
            .column("oid", PgType.OID).column("evtname", PgType.NAME).column("evtevent", PgType.NAME)
            .column("evtowner", PgType.OID).column("evtfoid", PgType.OID).column("evtenabled", PgType.CHAR)
            .column("evttags", PgType.TEXT_ARRAY).build();

    static final SystemTableDefinition PG_DEPEND = table("pg_depend", 2608)
            .column("classid", PgType.OID).column("objid", PgType.OID).column("objsubid", PgType.INT4)
            .column("refclassid", PgType.OID).column("refobjid", PgType.OID).column("refobjsubid", PgType.INT4)
            .column("deptype", PgType.CHAR).build();

    static final SystemTableDefinition PG_SEQUENCE = table("pg_sequence", 2224)
            .column("seqrelid", PgType.OID).column("seqtypid", PgType.OID).column("seqstart", PgType.INT8)
            .column("seqincrement", PgType.INT8).column("seqmax", PgType.INT8).column("seqmin", PgType.INT8)
            .column("seqcache", PgType.INT8).column("seqcycle", PgType.BOOL).build();

    static final SystemTableDefinition PG_MATVIEWS = view("pg_matviews", 12020)
            .column("schemaname", PgType.NAME).column("matviewname", PgType.NAME)
            .column("matviewowner", PgType.NAME).column("tablespace", PgType.NAME)
            .column("hasindexes", PgType.BOOL).column("ispopulated", PgType.BOOL)
            .column("definition", PgType.TEXT).build();

    static final SystemTableDefinition PG_VIEWS = view("pg_views", 12021)
            .column("schemaname", PgType.NAME).column("viewname", PgType.NAME).column("viewowner", PgType.NAME)
            .column("definition", PgType.TEXT).build();

    static final SystemTableDefinition PG_TABLES = view("pg_tables", 12022)
            .column("schemaname", PgType.NAME).column("tablename", PgType.NAME).column("tableowner", PgType.NAME)
            .column("tablespace", PgType.NAME).column("hasindexes", PgType.BOOL).column("hasrules", PgType.BOOL)
            .column("hastriggers", PgType.BOOL).column("rowsecurity", PgType.BOOL).build();

    /**
     * The statistics view BI tools join for row estimates (Metabase). Freshet keeps no access
     * statistics: every stored relation is listed, its counters NULL (unknown), never a made-up 0.
     */
    static final SystemTableDefinition PG_STAT_USER_TABLES = view("pg_stat_user_tables", 12030)
            .column("relid", PgType.OID).column("schemaname", PgType.NAME).column("relname", PgType.NAME)
            .column("seq_scan", PgType.INT8).column("seq_tup_read", PgType.INT8).column("idx_scan", PgType.INT8)
            .column("idx_tup_fetch", PgType.INT8).column("n_tup_ins", PgType.INT8)
            .column("n_tup_upd", PgType.INT8).column("n_tup_del", PgType.INT8)
            .column("n_tup_hot_upd", PgType.INT8).column("n_live_tup", PgType.INT8)
            .column("n_dead_tup", PgType.INT8).column("n_mod_since_analyze", PgType.INT8)
            .column("n_ins_since_vacuum", PgType.INT8).column("last_vacuum", PgType.TIMESTAMPTZ)
            .column("last_autovacuum", PgType.TIMESTAMPTZ).column("last_analyze", PgType.TIMESTAMPTZ)
            .column("last_autoanalyze", PgType.TIMESTAMPTZ).column("vacuum_count", PgType.INT8)
            .column("autovacuum_count", PgType.INT8).column("analyze_count", PgType.INT8)
            .column("autoanalyze_count", PgType.INT8).build();

    static final SystemTableDefinition PG_INDEXES = view("pg_indexes", 12023)
            .column("schemaname", PgType.NAME).column("tablename", PgType.NAME).column("indexname", PgType.NAME)
            .column("tablespace", PgType.NAME).column("indexdef", PgType.TEXT).build();

    private PgCatalogTables() {
    }

    /** Every table and view of pg_catalog, with its rows. */
    static List<SystemTableSource> sources() {
        List<SystemTableSource> sources = new ArrayList<>();
        sources.add(new SystemTableSource(PG_NAMESPACE, PgCatalogTables::namespaces));
        sources.add(new SystemTableSource(PG_CLASS, PgCatalogTables::classes));
        sources.add(new SystemTableSource(PG_ATTRIBUTE, PgCatalogTables::attributes));
        sources.add(new SystemTableSource(PG_TYPE, PgCatalogTables::types));
        sources.add(new SystemTableSource(PG_INDEX, PgCatalogTables::indexes));
        sources.add(new SystemTableSource(PG_CONSTRAINT, PgCatalogTables::constraints));
        sources.add(new SystemTableSource(PG_ATTRDEF, PgCatalogTables::defaults));
        sources.add(new SystemTableSource(PG_DATABASE, PgCatalogTables::databases));
        sources.add(new SystemTableSource(PG_AUTHID, PgCatalogTables::authIds));
        sources.add(new SystemTableSource(PG_ROLES, PgCatalogTables::roles));
        sources.add(new SystemTableSource(PG_USER, PgCatalogTables::users));
        sources.add(new SystemTableSource(PG_SETTINGS, PgCatalogTables::settings));
        sources.add(new SystemTableSource(PG_AM, PgCatalogTables::accessMethods));
        sources.add(new SystemTableSource(PG_TABLESPACE, PgCatalogTables::tablespaces));
        sources.add(new SystemTableSource(PG_COLLATION, PgCatalogTables::collations));
        sources.add(new SystemTableSource(PG_MATVIEWS, PgCatalogTables::materializedViews));
        sources.add(new SystemTableSource(PG_VIEWS, PgCatalogTables::views));
        sources.add(new SystemTableSource(PG_TABLES, PgCatalogTables::tables));
        sources.add(new SystemTableSource(PG_INDEXES, PgCatalogTables::indexDefinitions));
        sources.add(new SystemTableSource(PG_FOREIGN_TABLE, PgCatalogTables::foreignTables));
        sources.add(new SystemTableSource(PG_FOREIGN_SERVER, PgCatalogTables::foreignServers));
        sources.add(new SystemTableSource(PG_FOREIGN_DATA_WRAPPER, PgCatalogTables::foreignDataWrappers));
        sources.add(new SystemTableSource(PG_STAT_USER_TABLES, PgCatalogTables::userTableStatistics));
        for (SystemTableDefinition empty : List.of(PG_DESCRIPTION, PG_SHDESCRIPTION, PG_AUTH_MEMBERS, PG_PROC,
                PG_INHERITS, PG_TRIGGER, PG_REWRITE, PG_POLICY, PG_STATISTIC_EXT, PG_PUBLICATION,
                PG_PUBLICATION_REL, PG_PUBLICATION_NAMESPACE, PG_EXTENSION, PG_ENUM, PG_RANGE,
                PG_EVENT_TRIGGER, PG_DEPEND, PG_SEQUENCE)) {
            sources.add(new SystemTableSource(empty, snapshot -> List.of()));
        }
        return sources;
    }

    private static SystemTableDefinition.Builder table(String name, long oid) {
        return SystemTableDefinition.builder(PG, name, oid, "r");
    }

    private static SystemTableDefinition.Builder view(String name, long oid) {
        return SystemTableDefinition.builder(PG, name, oid, "v");
    }

    private static List<Object[]> namespaces(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_NAMESPACE);
        for (Namespace namespace : snapshot.namespaces()) {
            rows.add().set("oid", namespace.oid()).set("nspname", namespace.name()).set("nspowner", SUPERUSER_OID);
        }
        return rows.rows();
    }

    private static List<Object[]> classes(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_CLASS);
        for (Relation relation : snapshot.relations()) {
            String kind = relation.relationKind();
            boolean stored = kind.equals("r") || kind.equals("m") || kind.equals("i");
            long accessMethod = 0;
            if (kind.equals("i")) {
                accessMethod = BTREE_AM_OID;
            } else if (stored) {
                accessMethod = HEAP_AM_OID;
            }
            rows.add()
                    .set("oid", relation.oid()).set("relname", relation.name())
                    .set("relnamespace", relation.namespace().oid()).set("reltype", 0).set("reloftype", 0)
                    .set("relowner", SUPERUSER_OID).set("relam", accessMethod)
                    .set("relfilenode", stored ? relation.oid() : 0).set("reltablespace", 0)
                    .set("relpages", 0).set("reltuples", -1).set("relallvisible", 0).set("reltoastrelid", 0)
                    .set("relhasindex", relation.primaryKey() != null).set("relisshared", false)
                    .set("relpersistence", "p").set("relkind", kind).set("relnatts", relation.attributes().size())
                    .set("relchecks", 0).set("relhasrules", kind.equals("v")).set("relhastriggers", false)
                    .set("relhassubclass", false).set("relrowsecurity", false).set("relforcerowsecurity", false)
                    .set("relispopulated", true).set("relreplident", kind.equals("r") ? "d" : "n")
                    .set("relispartition", false).set("relrewrite", 0);
        }
        return rows.rows();
    }

    private static List<Object[]> attributes(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_ATTRIBUTE);
        for (Relation relation : snapshot.relations()) {
            for (Attribute attribute : relation.attributes()) {
                PgType type = attribute.type();
                rows.add()
                        .set("attrelid", relation.oid()).set("attname", attribute.name())
                        .set("atttypid", type.oid()).set("attstattarget", -1).set("attlen", type.length())
                        .set("attnum", attribute.number()).set("attndims", 0).set("attcacheoff", -1)
                        .set("atttypmod", attribute.typmod()).set("attbyval", type.length() > 0 && type.length() <= 8)
                        .set("attalign", alignment(type)).set("attstorage", type.length() < 0 ? "x" : "p")
                        .set("attcompression", "").set("attnotnull", attribute.notNull())
                        .set("atthasdef", attribute.defaultExpression() != null).set("atthasmissing", false)
                        .set("attidentity", "").set("attgenerated", "").set("attisdropped", false)
                        .set("attislocal", true).set("attinhcount", 0)
                        .set("attcollation", type.isCollatable() ? DEFAULT_COLLATION_OID : 0);
            }
        }
        return rows.rows();
    }

    private static List<Object[]> types(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_TYPE);
        for (PgType type : PgType.values()) {
            if (type.isColumnOnly()) {
                continue;
            }
            typeRow(rows, type.oid(), type.typeName(), type.length(), type.category(), 0, type.arrayOid(),
                    type.inputFunction(), type.isCollatable(), alignment(type));
            if (type.arrayOid() != 0) {
                typeRow(rows, type.arrayOid(), "_" + type.typeName(), -1, "A", type.oid(), 0, "array_in",
                        type.isCollatable(), alignment(type));
            }
        }
        return rows.rows();
    }

    private static void typeRow(SystemRows rows, long oid, String name, int length, String category, long element,
            long array, String input, boolean collatable, String alignment) {
        rows.add()
                .set("oid", oid).set("typname", name).set("typnamespace", PG_CATALOG_OID)
                .set("typowner", SUPERUSER_OID).set("typlen", length).set("typbyval", length > 0 && length <= 8)
                .set("typtype", "b").set("typcategory", category).set("typispreferred", false)
                .set("typisdefined", true).set("typdelim", ",").set("typrelid", 0)
                .set("typsubscript", element != 0 ? "array_subscript_handler" : "-").set("typelem", element)
                .set("typarray", array).set("typinput", input)
                .set("typoutput", input.endsWith("in") ? input.substring(0, input.length() - 2) + "out" : input)
                .set("typreceive", "-").set("typsend", "-").set("typmodin", "-").set("typmodout", "-")
                .set("typanalyze", "-").set("typalign", alignment).set("typstorage", length < 0 ? "x" : "p")
                .set("typnotnull", false).set("typbasetype", 0).set("typtypmod", -1).set("typndims", 0)
                .set("typcollation", collatable ? DEFAULT_COLLATION_OID : 0);
    }

    private static String alignment(PgType type) {
        return switch (type.length()) {
            case 1 -> "c";
            case 2 -> "s";
            case 4 -> "i";
            case 8 -> "d";
            default -> "i";
        };
    }

    private static List<Object[]> indexes(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_INDEX);
        for (Relation relation : snapshot.relations()) {
            if (relation.primaryKey() == null) {
                continue;
            }
            List<Integer> key = relation.primaryKey().columnNumbers();
            List<String> keyText = new ArrayList<>();
            List<String> zeros = new ArrayList<>();
            for (int number : key) {
                keyText.add(Integer.toString(number));
                zeros.add("0");
            }
            rows.add()
                    .set("indexrelid", relation.primaryKey().indexOid()).set("indrelid", relation.oid())
                    .set("indnatts", key.size()).set("indnkeyatts", key.size()).set("indisunique", true)
                    .set("indnullsnotdistinct", false).set("indisprimary", true).set("indisexclusion", false)
                    .set("indimmediate", true).set("indisclustered", false).set("indisvalid", true)
                    .set("indcheckxmin", false).set("indisready", true).set("indislive", true)
                    .set("indisreplident", false).set("indkey", String.join(" ", keyText))
                    .set("indcollation", String.join(" ", zeros)).set("indclass", String.join(" ", zeros))
                    .set("indoption", String.join(" ", zeros));
        }
        return rows.rows();
    }

    private static List<Object[]> constraints(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_CONSTRAINT);
        for (Relation relation : snapshot.relations()) {
            if (relation.primaryKey() == null) {
                continue;
            }
            List<String> key = new ArrayList<>();
            for (int number : relation.primaryKey().columnNumbers()) {
                key.add(Integer.toString(number));
            }
            rows.add()
                    .set("oid", relation.primaryKey().constraintOid()).set("conname", relation.primaryKey().name())
                    .set("connamespace", relation.namespace().oid()).set("contype", "p")
                    .set("condeferrable", false).set("condeferred", false).set("convalidated", true)
                    .set("conrelid", relation.oid()).set("contypid", 0)
                    .set("conindid", relation.primaryKey().indexOid()).set("conparentid", 0).set("confrelid", 0)
                    .set("confupdtype", " ").set("confdeltype", " ").set("confmatchtype", " ")
                    .set("conislocal", true).set("coninhcount", 0).set("connoinherit", true)
                    .set("conkey", "{" + String.join(",", key) + "}");
        }
        return rows.rows();
    }

    private static List<Object[]> defaults(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_ATTRDEF);
        for (Relation relation : snapshot.relations()) {
            for (Attribute attribute : relation.attributes()) {
                if (attribute.defaultExpression() != null) {
                    rows.add().set("oid", attribute.defaultOid()).set("adrelid", relation.oid())
                            .set("adnum", attribute.number()).set("adbin", attribute.defaultExpression());
                }
            }
        }
        return rows.rows();
    }

    private static List<Object[]> databases(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_DATABASE);
        rows.add()
                .set("oid", DATABASE_OID).set("datname", snapshot.database()).set("datdba", SUPERUSER_OID)
                .set("encoding", UTF8_ENCODING).set("datlocprovider", "c").set("datistemplate", false)
                .set("datallowconn", true).set("datconnlimit", -1).set("dattablespace", TABLESPACE_DEFAULT_OID)
                .set("datcollate", "C").set("datctype", "C");
        return rows.rows();
    }

    private static List<Object[]> authIds(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_AUTHID);
        rows.add()
                .set("oid", SUPERUSER_OID).set("rolname", snapshot.user()).set("rolsuper", true)
                .set("rolinherit", true).set("rolcreaterole", true).set("rolcreatedb", true)
                .set("rolcanlogin", true).set("rolreplication", true).set("rolbypassrls", true)
                .set("rolconnlimit", -1);
        return rows.rows();
    }

    private static List<Object[]> roles(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_ROLES);
        rows.add()
                .set("rolname", snapshot.user()).set("rolsuper", true).set("rolinherit", true)
                .set("rolcreaterole", true).set("rolcreatedb", true).set("rolcanlogin", true)
                .set("rolreplication", true).set("rolconnlimit", -1).set("rolpassword", "********")
                .set("rolbypassrls", true).set("oid", SUPERUSER_OID);
        return rows.rows();
    }

    private static List<Object[]> users(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_USER);
        rows.add()
                .set("usename", snapshot.user()).set("usesysid", SUPERUSER_OID).set("usecreatedb", true)
                .set("usesuper", true).set("userepl", true).set("usebypassrls", true).set("passwd", "********");
        return rows.rows();
    }

    private static List<Object[]> settings(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_SETTINGS);
        for (PgSettings.Setting setting : snapshot.settings()) {
            rows.add()
                    .set("name", setting.name()).set("setting", setting.value()).set("unit", setting.unit())
                    .set("category", setting.category()).set("short_desc", setting.description())
                    .set("context", "user").set("vartype", setting.type()).set("source", "session")
                    .set("boot_val", setting.value()).set("reset_val", setting.value())
                    .set("pending_restart", false);
        }
        return rows.rows();
    }

    private static List<Object[]> accessMethods(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_AM);
        rows.add().set("oid", HEAP_AM_OID).set("amname", "heap").set("amhandler", "heap_tableam_handler")
                .set("amtype", "t");
        rows.add().set("oid", BTREE_AM_OID).set("amname", "btree").set("amhandler", "bthandler").set("amtype", "i");
        return rows.rows();
    }

    private static List<Object[]> tablespaces(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_TABLESPACE);
        rows.add().set("oid", TABLESPACE_DEFAULT_OID).set("spcname", "pg_default").set("spcowner", SUPERUSER_OID);
        rows.add().set("oid", TABLESPACE_GLOBAL_OID).set("spcname", "pg_global").set("spcowner", SUPERUSER_OID);
        return rows.rows();
    }

    private static List<Object[]> collations(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_COLLATION);
        collation(rows, DEFAULT_COLLATION_OID, "default", "d", null);
        collation(rows, C_COLLATION_OID, "C", "c", "C");
        collation(rows, POSIX_COLLATION_OID, "POSIX", "c", "POSIX");
        return rows.rows();
    }

    private static void collation(SystemRows rows, long oid, String name, String provider, String locale) {
        rows.add().set("oid", oid).set("collname", name).set("collnamespace", PG_CATALOG_OID)
                .set("collowner", SUPERUSER_OID).set("collprovider", provider).set("collisdeterministic", true)
                .set("collencoding", -1).set("collcollate", locale).set("collctype", locale);
    }

    private static List<Object[]> materializedViews(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_MATVIEWS);
        for (Relation relation : snapshot.relations()) {
            if (relation.relationKind().equals("m")) {
                rows.add().set("schemaname", relation.namespace().name()).set("matviewname", relation.name())
                        .set("matviewowner", snapshot.user()).set("hasindexes", relation.primaryKey() != null)
                        .set("ispopulated", true).set("definition", relation.viewQuery());
            }
        }
        return rows.rows();
    }

    private static List<Object[]> views(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_VIEWS);
        for (Relation relation : snapshot.relations()) {
            if (relation.relationKind().equals("v")) {
                rows.add().set("schemaname", relation.namespace().name()).set("viewname", relation.name())
                        .set("viewowner", snapshot.user()).set("definition", relation.viewQuery());
            }
        }
        return rows.rows();
    }

    private static List<Object[]> tables(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_TABLES);
        for (Relation relation : snapshot.relations()) {
            if (relation.relationKind().equals("r")) {
                rows.add().set("schemaname", relation.namespace().name()).set("tablename", relation.name())
                        .set("tableowner", snapshot.user()).set("hasindexes", relation.primaryKey() != null)
                        .set("hasrules", false).set("hastriggers", false).set("rowsecurity", false);
            }
        }
        return rows.rows();
    }

    private static List<Object[]> indexDefinitions(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_INDEXES);
        for (Relation relation : snapshot.relations()) {
            if (relation.relationKind().equals("i")) {
                rows.add().set("schemaname", relation.namespace().name())
                        .set("tablename", relation.indexedTable().name()).set("indexname", relation.name())
                        .set("indexdef", PgCatalogSnapshot.indexDefinition(relation));
            }
        }
        return rows.rows();
    }

    private static List<Object[]> foreignTables(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_FOREIGN_TABLE);
        for (Relation relation : snapshot.relations()) {
            if (relation.foreignTable() != null) {
                rows.add().set("ftrelid", relation.oid())
                        .set("ftserver", ForeignServers.serverOid(relation.foreignTable().connector()))
                        .set("ftoptions", ForeignServers.optionsArray(relation.foreignTable().options()));
            }
        }
        return rows.rows();
    }

    private static List<Object[]> foreignServers(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_FOREIGN_SERVER);
        for (ForeignServers.Server server : ForeignServers.servers()) {
            rows.add().set("oid", server.oid()).set("srvname", server.name()).set("srvowner", SUPERUSER_OID)
                    .set("srvfdw", ForeignServers.WRAPPER_OID);
        }
        return rows.rows();
    }

    private static List<Object[]> foreignDataWrappers(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_FOREIGN_DATA_WRAPPER);
        rows.add().set("oid", ForeignServers.WRAPPER_OID).set("fdwname", ForeignServers.WRAPPER_NAME)
                .set("fdwowner", SUPERUSER_OID).set("fdwhandler", 0).set("fdwvalidator", 0);
        return rows.rows();
    }

    private static List<Object[]> userTableStatistics(PgCatalogSnapshot snapshot) {
        SystemRows rows = new SystemRows(PG_STAT_USER_TABLES);
        for (Relation relation : snapshot.relations()) {
            String kind = relation.relationKind();
            if (relation.isUserRelation() && (kind.equals("r") || kind.equals("m"))) {
                rows.add().set("relid", relation.oid()).set("schemaname", relation.namespace().name())
                        .set("relname", relation.name());
            }
        }
        return rows.rows();
    }
}
