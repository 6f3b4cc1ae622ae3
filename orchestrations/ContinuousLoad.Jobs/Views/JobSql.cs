using ContinuousLoad.Jobs.Definitions;

namespace ContinuousLoad.Jobs.Views;

/// <summary>A job's SQL as users may see it: secret parameters (<c>s3.secret_key</c>, <c>s3.session_token</c>, passwords) shown as <c>*XXX</c>.</summary>
public static class JobSql
{
    public const string Mask = "*XXX";

    public static string Masked(string insertSql) => SecretParameters.Replace(insertSql, (_, _) => Mask);
}
