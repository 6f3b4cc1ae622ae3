using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ContinuousLoad.Durable.Analyzers;

/// <summary>
/// Orchestrators are replayed from history, so their code must take the same path every time. Inside a
/// class deriving from the SDK's <c>TaskOrchestrator&lt;,&gt;</c> this analyzer reports (as an error) every
/// use of an API whose answer changes between runs or that leaves the replay thread and that the official
/// Microsoft.DurableTask.Analyzers do not check (see <see cref="BannedApis"/>), with what to use instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeterminismAnalyzer : DiagnosticAnalyzer
{
    public const string DiagnosticId = "CLD001";

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        "Orchestrator code must be deterministic",
        "'{0}' is not allowed in orchestrator code: {1}",
        "Determinism",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Orchestrators replay from history; randomness, stopwatches, file and network I/O, ConfigureAwait(false) and timed cancellation make replay take another path.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var orchestrator = start.Compilation.GetTypeByMetadataName("Microsoft.DurableTask.TaskOrchestrator`2");
            if (orchestrator is null)
            {
                return;
            }

            start.RegisterOperationAction(
                operation => Check(operation, orchestrator),
                OperationKind.Invocation, OperationKind.PropertyReference, OperationKind.ObjectCreation, OperationKind.FieldReference);
        });
    }

    private static void Check(OperationAnalysisContext context, INamedTypeSymbol orchestrator)
    {
        if (!InOrchestrator(context.ContainingSymbol.ContainingType, orchestrator))
        {
            return;
        }

        var (member, type) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod.Name, invocation.TargetMethod.ContainingType),
            IPropertyReferenceOperation property => (property.Property.Name, property.Property.ContainingType),
            IFieldReferenceOperation field => (field.Field.Name, field.Field.ContainingType),
            IObjectCreationOperation creation => (".ctor", creation.Type as INamedTypeSymbol),
            _ => (null, null),
        };
        if (member is null || type is null)
        {
            return;
        }

        var advice = BannedApis.Advice(type.ToDisplayString(), type.ContainingNamespace?.ToDisplayString() ?? "", member);
        if (advice is not null)
        {
            var shown = member == ".ctor" ? $"new {type.Name}" : $"{type.Name}.{member}";
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), shown, advice));
        }
    }

    private static bool InOrchestrator(INamedTypeSymbol? type, INamedTypeSymbol orchestrator)
    {
        for (var containing = type; containing is not null; containing = containing.ContainingType)
        {
            for (var current = containing.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, orchestrator))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
