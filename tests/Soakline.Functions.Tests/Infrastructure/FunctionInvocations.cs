using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Soakline.Functions.Functions;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// Marks every request as the Functions host forwards it (it passed the function-key check), as EndpointDispatcher
/// does under Azure Functions: what the app trusts of such a request can be tested on the in-process app.
/// </summary>
internal sealed class FunctionInvocations : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            FunctionInvocationMarker.Mark(context);
            return following(context);
        });
        next(app);
    };
}
