namespace ContinuousLoad.Functions.Configuration;

/// <summary>The configuration is invalid or unsafe; the message tells the operator what to change.</summary>
public sealed class StartupConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
