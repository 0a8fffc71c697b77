package io.outcall.core.window;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The time zones a callee may be in, from libphonenumber's prefix data (its geocoder artifact):
 * one for most numbers (+1 212: New York), several where an area code spans zones (+1 208:
 * Boise and Los Angeles), and the country's zones where the number says nothing narrower (a
 * mobile or toll-free number; +1 800 lists every NANP zone). A window must hold in all of them.
 */
public final class CalleeTimeZones {

    private final PhoneNumberUtil util;
    private final Supplier<PhoneNumberToTimeZonesMapper> mapper;

    /**
     * Over libphonenumber's own instances; its zone data is loaded on the first question, so an
     * intake whose tenants have no window never loads it (a cold start saved).
     */
    public CalleeTimeZones() {
        this(PhoneNumberUtil.getInstance(), PhoneNumberToTimeZonesMapper::getInstance);
    }

    public CalleeTimeZones(PhoneNumberUtil util, Supplier<PhoneNumberToTimeZonesMapper> mapper) {
        this.util = util;
        this.mapper = mapper;
    }

    /**
     * @param e164 a number intake accepted
     * @return its zones, sorted by id; empty when libphonenumber knows none, not even its country's
     */
    public List<ZoneId> of(String e164) {
        PhoneNumber number;
        try {
            number = util.parse(e164, null);
        } catch (NumberParseException e) {
            return List.of();
        }
        PhoneNumberToTimeZonesMapper zonesOf = mapper.get();
        List<String> ids = zonesOf.getTimeZonesForNumber(number);
        if (ids.contains(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            // A number libphonenumber's validity data does not know (newer than its data) still has a
            // prefix: its area's or country's zones are a better guess than none.
            ids = zonesOf.getTimeZonesForGeographicalNumber(number);
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String id : ids) {
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException unknownToJava) {
                // "Etc/Unknown", or a zone this JDK's tz data lacks: no rule can be applied for it.
                return List.of();
            }
        }
        return zones.stream().distinct().sorted(Comparator.comparing(ZoneId::getId)).toList();
    }
}
