package cn.govdata.catalog.department;

import cn.govdata.events.EventTypes;
import cn.govdata.events.catalog.DepartmentRegistered;
import cn.govdata.platform.outbox.Events;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** The data bureau registers a department and its data officer in the directory. */
@Service
class RegisteringDepartment {

    private static final Logger log = LoggerFactory.getLogger(RegisteringDepartment.class);

    private final Departments departments;
    private final Events events;
    private final Clock clock;

    RegisteringDepartment(Departments departments, Events events, Clock clock) {
        this.departments = departments;
        this.events = events;
        this.clock = clock;
    }

    Department register(RegisterDepartmentRequest request, Caller bureau) {
        if (request.parentCode() != null && departments.find(request.parentCode()).isEmpty()) {
            throw Refusal.invalidField("parentCode", "no department with code '" + request.parentCode() + "' is registered");
        }
        if (request.level() == DepartmentLevel.COUNTY && request.parentCode() == null) {
            throw Refusal.invalidField("parentCode", "a county department names the city department it reports to");
        }
        var officer = request.dataOfficer();
        var department = new Department(request.code(), request.name().strip(), request.level(), request.region(),
                request.parentCode(), new Department.DataOfficer(officer.realName().strip(), officer.phone(), officer.email()),
                clock.instant(), bureau.actor());
        var registered = new DepartmentRegistered(department.code(), department.name(), department.level().name(),
                department.region(), department.parentCode(),
                new DepartmentRegistered.DataOfficer(officer.realName().strip(), officer.phone(), officer.email()),
                department.registeredAt(), department.registeredBy());
        try {
            departments.add(department, List.of(events.create(EventTypes.DEPARTMENT_REGISTERED, department.code(),
                    department.code(), department.region(), registered)));
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("department-exists", "A department with code '" + request.code() + "' is already registered");
        }
        log.info("Department {} ({}) registered by {}", department.code(), department.name(), bureau.actor());
        return department;
    }
}
