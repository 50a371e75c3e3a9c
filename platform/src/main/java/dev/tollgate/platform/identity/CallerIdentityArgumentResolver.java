package dev.tollgate.platform.identity;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.tollgate.platform.web.ApiProblem;

/** Lets a controller take a {@link CallerIdentity} parameter; a request without a valid signed identity gets 401. */
public class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    private final IdentitySigner signer;

    public CallerIdentityArgumentResolver(IdentitySigner signer) {
        this.signer = signer;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CallerIdentity.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        return signer.verify(request::getHeader).orElseThrow(() -> ApiProblem.unauthorized(
                "This API is reached through the Tollgate gateway with a valid bearer token."));
    }
}
