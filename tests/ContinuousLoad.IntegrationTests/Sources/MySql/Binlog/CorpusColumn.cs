using System.Text;

namespace ContinuousLoad.IntegrationTests.Sources.MySql.Binlog;

/// <summary>A column of the corpus table: its definition and how mariadb-binlog prints its values.</summary>
public sealed record CorpusColumn(string Name, string Definition, ReferenceFormat Format, int Width = 0, Encoding? Encoding = null, string[]? Members = null);
