using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Turns <c>.soakline.yml</c> text into a <see cref="PipelineSpec"/>, or into every error it contains. Reading works on
/// YamlDotNet's node model, whose nodes keep their start marks, so each error names its field path and line.
/// </summary>
internal static class PipelineSpecLoader
{
    /// <summary>The file name looked up in the deployed repository at the pushed commit.</summary>
    public const string FileName = ".soakline.yml";

    public const int SupportedVersion = 1;

    public static SpecLoadResult Load(string yaml, string source = FileName) => Load(yaml, SpecLoadOptions.None, source);

    /// <param name="options">What trusted configuration says (the policy's production environments); see <see cref="SpecLoadOptions"/>.</param>
    public static SpecLoadResult Load(string yaml, SpecLoadOptions options, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(options);
        var context = new SpecReadContext();
        YamlNode? document;
        var parser = new Parser(new StringReader(yaml));
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);

            // A document marker with nothing after it ("---" alone, or a trailing "---") is an empty document whose
            // node YamlDotNet places on a line after the last one: it holds nothing, so it is not counted.
            var documents = stream.Documents.Where(d => !IsEmpty(d.RootNode)).ToList();
            document = documents.Count switch
            {
                0 => null,
                1 => documents[0].RootNode,
                _ => throw new SemanticErrorException(documents[1].RootNode.Start, documents[1].RootNode.End, "a spec is one YAML document; found more than one"),
            };
        }
        catch (YamlException e) when (UnclosedCollectionFinder.IsPastEnd(e.Start, yaml))
        {
            // YamlDotNet puts "the text ended inside a flow collection" on a line after the last one; the user needs
            // the line of the bracket left open.
            var (mark, message) = UnclosedCollectionFinder.Find(yaml);
            context.Error("(yaml)", mark, Clean(message));
            return new SpecLoadResult(null, context.Errors, source);
        }
        catch (YamlException e)
        {
            context.Error("(yaml)", e.Start, Clean(e.Message));
            return new SpecLoadResult(null, context.Errors, source);
        }
        catch (ArgumentException) when (parser.Current is { } unexpected)
        {
            // YamlDotNet's node model refuses some event sequences the parser accepts (a lone ':' after a mapping)
            // with a positionless ArgumentException; the event it stopped at is where the text goes wrong.
            var mark = UnclosedCollectionFinder.IsPastEnd(unexpected.Start, yaml) ? UnclosedCollectionFinder.LastLine(yaml) : unexpected.Start;
            context.Error("(yaml)", mark, "the YAML structure is broken here: a key or value is missing or misplaced");
            return new SpecLoadResult(null, context.Errors, source);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser fails without a position when the text ends inside a flow collection; a syntax
            // error must still end as an invalid spec with its line, never as a crashed pipeline.
            var (mark, message) = UnclosedCollectionFinder.Find(yaml);
            context.Error("(yaml)", mark, Clean(message));
            return new SpecLoadResult(null, context.Errors, source);
        }

        if (document is null)
        {
            context.Error(string.Empty, "the spec is empty; it needs at least 'version' and 'components'");
            return new SpecLoadResult(null, context.Errors, source);
        }

        var spec = Read(document, context);
        if (spec is not null)
        {
            spec = DerivedDefaults.Reconcile(spec, context);
            CrossReferenceRules.Check(spec, context);
            AnalysisCoverageRule.Check(spec, context, options);
        }

        var warnings = context.Warnings.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return context.Errors.Count == 0
            ? new SpecLoadResult(spec, [], source) { Locations = context.Locations(), Warnings = warnings }
            : new SpecLoadResult(null, [.. context.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)], source) { Warnings = warnings };
    }

    private static bool IsEmpty(YamlNode root) =>
        root is YamlScalarNode { Value: null or "", Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Tag.IsEmpty;

    public static async Task<SpecLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Load(text, path);
    }

    private static PipelineSpec? Read(YamlNode document, SpecReadContext context)
    {
        var root = MappingReader.Open(document, string.Empty, context);
        if (root is null)
        {
            return null;
        }

        var version = root.Int("version", 1, 1000);
        if (version is null && !root.Has("version"))
        {
            root.Error("version", $"'version' is required (the current version is {SupportedVersion})");
        }
        else if (version is not null && version != SupportedVersion)
        {
            root.Error("version", $"version {version} is not supported (this Soakline reads version {SupportedVersion})");
        }

        var retention = ReadRetention(root);
        var spec = new PipelineSpec(
            version ?? SupportedVersion,
            BranchRulesReader.Read(root),
            EnvironmentsReader.Read(root),
            ComponentsReader.Read(root, retention),
            GatesReader.Read(root),
            ApprovalReader.Read(root),
            StrategyReader.Read(root),
            AnalysisReader.Read(root),
            retention,
            NotificationsReader.Read(root),
            MonitoringReader.Read(root));
        root.RejectUnknownKeys();
        return spec;
    }

    private static RetentionSpec ReadRetention(MappingReader root)
    {
        var retention = root.Mapping("retention");
        if (retention is null)
        {
            return SpecDefaults.Retention;
        }

        var keep = retention.Int("keepReleases", 1, 100) ?? SpecDefaults.KeepReleases;
        retention.RejectUnknownKeys();
        return new RetentionSpec(keep);
    }

    /// <summary>YamlDotNet prefixes messages with the position, which the error already carries.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }
}
