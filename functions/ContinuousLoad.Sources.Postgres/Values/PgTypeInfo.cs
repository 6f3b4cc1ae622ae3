namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// A column type as the decoder needs it: the type's own OID and name, and the kind of text it prints.
/// A domain takes its base type's kind (its text is the base type's); an array carries its element type.
/// </summary>
public sealed record PgTypeInfo(uint Oid, string Name, PgValueKind Kind, PgTypeInfo? Element = null, char Delimiter = ',')
{
    public override string ToString() => Element is null ? Name : $"{Name} ({Element.Name}[])";
}
