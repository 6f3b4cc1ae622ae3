namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>A timetz value: a time of day (24:00:00 allowed, hence TimeSpan) and its UTC offset.</summary>
public readonly record struct TimeWithOffset(TimeSpan Time, TimeSpan Offset);
