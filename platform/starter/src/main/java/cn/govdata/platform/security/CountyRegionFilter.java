package cn.govdata.platform.security;

import cn.govdata.platform.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A county sub-platform's token without a region claim is refused on every endpoint (403). Every
 * region rule on the platform reads that claim; a county without it would otherwise fall through
 * to "not a county, sees everything" wherever a rule forgot to check. Fail closed, in one place.
 */
final class CountyRegionFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            Caller caller = CallerTokens.caller(token.getToken());
            if (caller.isCounty() && caller.regionCode().isEmpty()) {
                Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "county-without-region", "Forbidden",
                        "This county sub-platform's token carries no region claim; every county sees its own region "
                                + "only, so without one it sees nothing. Ask the platform operator to set the client's region."));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
