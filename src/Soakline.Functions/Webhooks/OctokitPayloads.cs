using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Reads a webhook body into Octokit.Webhooks' typed event models (or <see cref="DeliveryAction"/>) with System.Text.Json. A value of the wrong JSON
/// type anywhere in the body, or a number too large for its field, throws <see cref="WebhookPayloadException"/>
/// naming the JSON path (from <see cref="JsonException.Path"/>); fields the models do not know are skipped.
/// </summary>
internal static class OctokitPayloads
{
    // One instance: System.Text.Json caches each type's contract on its options.
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AsSoaklineReadsIt } },
    };

    /// <summary>The body as <typeparamref name="TEvent"/>; checking the fields Soakline needs is the caller's work.</summary>
    public static TEvent Read<TEvent>(JsonElement payload)
        where TEvent : class
    {
        try
        {
            return payload.Deserialize<TEvent>(Options)
                ?? throw new WebhookPayloadException("body", "must be a JSON object", null);
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException(FieldOf(ex.Path), ProblemOf(ex), ex);
        }
    }

    /// <summary>
    /// Octokit marks most model members C# <c>required</c>, which System.Text.Json enforces: a delivery without, say,
    /// <c>repository.owner.avatar_url</c> would be refused though Soakline never reads it (and the minimal bodies of
    /// tests, tools and older GitHub Enterprise servers lack many). Soakline checks the fields it needs itself, with
    /// messages naming them, so no member is required here. Octokit's own converters are wrapped so their failures
    /// carry the JSON path.
    /// </summary>
    private static void AsSoaklineReadsIt(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            property.IsRequired = false;
            // Octokit's property converters are each for their property's type; a factory (none today) is left as it is.
            if (property.CustomConverter is { } converter && converter.Type == property.PropertyType)
            {
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(typeof(ConverterFailureGuard<>).MakeGenericType(property.PropertyType), converter)!;
            }
        }
    }

    /// <summary>"$.workflow_run.id" reads "workflow_run.id", the way the other payload errors name fields; "$" is the body.</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The exception's own words without the " Path: ... | LineNumber: ..." System.Text.Json appends to its default messages.</summary>
    private static string ProblemOf(JsonException ex)
    {
        var message = ex.Message;
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var problem = (at >= 0 ? message[..at] : message).TrimEnd('.');
        return problem.Length == 0 ? "has a value of the wrong JSON type" : problem;
    }
}
