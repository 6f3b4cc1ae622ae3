namespace ContinuousLoad.Sources.MySql;

/// <summary>Whether the connection is encrypted with TLS (negotiated through the SSL capability in the handshake).</summary>
public enum MySqlTlsMode
{
    /// <summary>Never ask for TLS.</summary>
    Disabled,

    /// <summary>Use TLS when the server offers it, plain TCP otherwise.</summary>
    Preferred,

    /// <summary>Refuse to authenticate unless the server offers TLS.</summary>
    Required,
}
