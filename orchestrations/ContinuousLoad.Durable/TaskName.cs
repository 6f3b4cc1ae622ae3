namespace ContinuousLoad.Durable;

/// <summary>The name of an orchestrator or activity; compared without regard to case.</summary>
public readonly record struct TaskName(string Name)
{
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? "");

    public override string ToString() => Name;

    public static implicit operator TaskName(string name) => new(name);
}
