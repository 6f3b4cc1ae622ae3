using Npgsql;

namespace ContinuousLoad.Tables.Postgres;

/// <summary>
/// The store's catalog schema (<c>cl_catalog</c>): versioned scripts applied in order under an advisory
/// lock, so several hosts starting together upgrade once. Also the helper functions queries use to
/// convert values the way Doris does (a value that does not convert is NULL, never an error).
/// </summary>
internal static class PostgresStoreSchema
{
    public const int CurrentVersion = 2;
    private const long UpgradeLock = 0x636c_7461_626c_6573; // "cltables"

    private static readonly string[] Scripts =
    [
        """
        CREATE TABLE cl_catalog.databases (name text COLLATE "C" PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE cl_catalog.tables (
            database text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, ddl text NOT NULL, version integer NOT NULL,
            PRIMARY KEY (database, name));
        CREATE TABLE cl_catalog.labels (
            database text COLLATE "C" NOT NULL, label text COLLATE "C" NOT NULL, txn_id bigint NOT NULL UNIQUE, state text NOT NULL,
            created_at timestamptz NOT NULL, finished_at timestamptz, expires_at timestamptz,
            attachment text, result text, staged text,
            PRIMARY KEY (database, label));
        CREATE INDEX labels_finished ON cl_catalog.labels (finished_at);
        CREATE TABLE cl_catalog.counters (key text COLLATE "C" PRIMARY KEY, value bigint NOT NULL);
        CREATE SEQUENCE cl_catalog.txn_ids;

        CREATE FUNCTION cl_catalog.to_integer(v text, lo numeric, hi numeric) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $f$
        DECLARE n numeric;
        BEGIN
            IF v !~ '^\s*[+-]?[0-9]+\s*$' THEN RETURN NULL; END IF;
            n := btrim(v)::numeric;
            IF n < lo OR n > hi THEN RETURN NULL; END IF;
            RETURN n;
        END $f$;

        CREATE FUNCTION cl_catalog.to_numeric(v text, p integer, s integer) RETURNS numeric LANGUAGE plpgsql IMMUTABLE AS $f$
        DECLARE n numeric;
        BEGIN
            IF v !~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN RETURN NULL; END IF;
            n := round(btrim(v)::numeric, s);
            IF abs(n) >= power(10::numeric, p - s) THEN RETURN NULL; END IF;
            RETURN n;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.to_double(v text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $f$
        DECLARE d double precision;
        BEGIN
            IF v !~ '^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN RETURN NULL; END IF;
            d := btrim(v)::double precision;
            RETURN d;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.to_boolean(v text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$
            SELECT CASE lower(btrim(v)) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END
        $f$;

        CREATE FUNCTION cl_catalog.to_timestamp(v text, zone text) RETURNS timestamp LANGUAGE plpgsql STABLE AS $f$
        DECLARE t text := btrim(v);
        BEGIN
            IF t ~ '^[0-9]{14}' THEN
                t := substr(t, 1, 4) || '-' || substr(t, 5, 2) || '-' || substr(t, 7, 2) || ' ' || substr(t, 9, 2) || ':' || substr(t, 11, 2) || ':' || substr(t, 13);
            ELSIF t ~ '^[0-9]{8}([ T]|$)' THEN
                t := substr(t, 1, 4) || '-' || substr(t, 5, 2) || '-' || substr(t, 7);
            END IF;
            IF t !~ '^[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}([ Tt][0-9]{1,2}(:[0-9]{1,2}(:[0-9]{1,2}(\.[0-9]*)?)?)?)?\s*(Z|z|UTC|[+-][0-9]{1,2}(:?[0-9]{2})?)?$' THEN
                RETURN NULL;
            END IF;
            IF t ~ '(Z|z|UTC|[+-][0-9]{1,2}(:?[0-9]{2})?)$' AND t ~ '[ Tt][0-9]' THEN
                IF zone ~ '^[+-][0-9]' THEN RETURN (t::timestamptz AT TIME ZONE zone::interval); END IF;
                RETURN (t::timestamptz AT TIME ZONE zone);
            END IF;
            RETURN t::timestamp;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.try_to_timestamp(v text, format text) RETURNS timestamp LANGUAGE plpgsql STABLE AS $f$
        BEGIN
            RETURN to_timestamp(btrim(v), format)::timestamp;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.to_jsonb(v text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $f$
        BEGIN
            RETURN v::jsonb;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.to_json(v text) RETURNS json LANGUAGE plpgsql IMMUTABLE AS $f$
        BEGIN
            RETURN v::json;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $f$;

        CREATE FUNCTION cl_catalog.at_zone(t timestamp, zone text) RETURNS timestamptz LANGUAGE sql STABLE AS $f$
            SELECT CASE WHEN zone ~ '^[+-][0-9]' THEN t AT TIME ZONE zone::interval ELSE t AT TIME ZONE zone END
        $f$;

        CREATE FUNCTION cl_catalog.local_time(t timestamptz, zone text) RETURNS timestamp LANGUAGE sql STABLE AS $f$
            SELECT CASE WHEN zone ~ '^[+-][0-9]' THEN t AT TIME ZONE zone::interval ELSE t AT TIME ZONE zone END
        $f$;

        CREATE FUNCTION cl_catalog.substr(s text, pos bigint, len bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
            SELECT CASE
                WHEN pos = 0 OR len <= 0 OR abs(pos) > char_length(s) THEN ''
                WHEN pos > 0 THEN substring(s FROM pos::integer FOR least(len, 2147483647)::integer)
                ELSE substring(s FROM (char_length(s) + pos + 1)::integer FOR least(len, 2147483647)::integer)
            END
        $f$;

        CREATE FUNCTION cl_catalog.split_part(s text, delimiter text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
            SELECT CASE
                WHEN delimiter = '' OR n = 0 THEN NULL
                WHEN abs(n) > cardinality(string_to_array(s, delimiter)) THEN NULL
                WHEN n > 0 THEN (string_to_array(s, delimiter))[n]
                ELSE (string_to_array(s, delimiter))[cardinality(string_to_array(s, delimiter)) + n + 1]
            END
        $f$;

        CREATE FUNCTION cl_catalog.locate(sub text, s text, pos bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $f$
            SELECT CASE
                WHEN pos < 1 OR pos > char_length(s) + 1 THEN 0
                WHEN strpos(substring(s FROM pos::integer), sub) = 0 THEN 0
                ELSE strpos(substring(s FROM pos::integer), sub) + pos::integer - 1
            END
        $f$;
        """,

        // Version 2: ledgers of loaded source items (unordered streaming jobs).
        """
        CREATE TABLE cl_catalog.ledger (
            database text COLLATE "C" NOT NULL, ledger text COLLATE "C" NOT NULL, item text COLLATE "C" NOT NULL,
            PRIMARY KEY (database, ledger, item));
        """,
    ];

    public static async Task UpgradeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({UpgradeLock}); CREATE SCHEMA IF NOT EXISTS cl_catalog; " +
                                  "CREATE TABLE IF NOT EXISTS cl_catalog.schema_version (version integer NOT NULL)", cancellationToken);
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM cl_catalog.schema_version", connection);
        var version = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException($"The PostgreSQL table store has format {version}, newer than this version understands ({CurrentVersion})");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await Execute(connection, Scripts[next - 1], cancellationToken);
            await Execute(connection, $"DELETE FROM cl_catalog.schema_version; INSERT INTO cl_catalog.schema_version VALUES ({next})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
