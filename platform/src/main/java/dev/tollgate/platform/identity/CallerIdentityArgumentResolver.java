package dev.tollgate.platform.identity;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.tollgate.platform.web.ApiProblem;

/**
 * Lets a controller take a {@link CallerIdentity} parameter: the caller {@link InternalIdentityFilter}
 * verified. On a public path a request may come without one; a controller that asks for it there gets 401.
 */
public class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CallerIdentity.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object caller = request.getAttribute(InternalIdentityFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (caller instanceof CallerIdentity identity) {
            return identity;
        }
        throw ApiProblem.unauthorized("This API is reached through the Tollgate gateway with a valid bearer token.");
    }
}
