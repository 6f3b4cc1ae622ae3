namespace ContinuousLoad.Functions.Http;

/// <summary>An HTTP function that answers without credentials (health probes); every other one needs HTTP Basic credentials.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnonymousFunctionAttribute : Attribute;
