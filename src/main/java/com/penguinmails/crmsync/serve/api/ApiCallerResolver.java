package com.penguinmails.crmsync.serve.api;

import com.penguinmails.crmsync.serve.ConditionalOnServe;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives controllers (API and console) the {@link ApiCaller} of the request as a method parameter. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnServe
class ApiCallerResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final ApiProperties properties;

    ApiCallerResolver(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiCaller.class;
    }

    @Override
    public ApiCaller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                     NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new ApiProblem.Forbidden("this call needs a caller with a bearer token");
        }
        return ApiCaller.of(jwt, properties);
    }
}
